package dev.vigil.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collectors.monitoring.OverviewDao.DayCount;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The overview's thirty-day chart of a control: what its label tells a compliance officer. */
class SparklineTest {

  private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
  private static final long TODAY = NOW.getEpochSecond() / 86400;

  @Test
  void aControlNotApplicableInEveryRunSaysSoRatherThanThatItNeverRan() {
    Sparkline s = Sparkline.of(List.of(new DayCount("IR-2", TODAY, "NOT_APPLICABLE", 288),
        new DayCount("IR-2", TODAY - 1, "NOT_APPLICABLE", 288)), NOW).get("IR-2");
    assertThat(s.percent()).isNull();
    assertThat(s.label()).isEqualTo("Not applicable in every run of the last 30 days");
    assertThat(Sparkline.EMPTY.label()).isEqualTo("No runs in the last 30 days");
  }

  @Test
  void notApplicableRunsCountNeitherWay() {
    Sparkline s = Sparkline.of(List.of(new DayCount("AC-1", TODAY, "PASS", 3), new DayCount("AC-1", TODAY, "FAIL", 1),
        new DayCount("AC-1", TODAY - 2, "NOT_APPLICABLE", 50), new DayCount("AC-1", TODAY - 40, "FAIL", 9)), NOW)
        .get("AC-1");
    assertThat(s.percent()).as("3 of 4 counted; the day outside the window is left out").isEqualTo(75);
    assertThat(s.label()).isEqualTo("75% of runs passed in the last 30 days");
  }
}
