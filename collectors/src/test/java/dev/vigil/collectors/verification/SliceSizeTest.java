package dev.vigil.collectors.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SliceSizeTest {

  static final Instant START = Instant.parse("2026-11-26T00:00:00Z");
  static final Duration HOUR = Duration.ofHours(1);
  static final Duration DAY = Duration.ofHours(24);

  @Test
  void aPassIsSpreadOverTheSweepsBeforeItsDeadline() {
    assertThat(SliceSize.of(24_000_000, START, START, HOUR, DAY, 10_000)).isEqualTo(1_000_000);
    assertThat(SliceSize.of(23_000_001, START, START.plus(HOUR), HOUR, DAY, 10_000))
        .as("23 sweeps left, rounded up").isEqualTo(1_000_001);
  }

  @Test
  void aLateOrOverduePassTakesWhatIsLeft() {
    assertThat(SliceSize.of(5_000_000, START, START.plus(Duration.ofMinutes(23 * 60 + 30)), HOUR, DAY, 1))
        .as("half a sweep before the deadline").isEqualTo(5_000_000);
    assertThat(SliceSize.of(5_000_000, START, START.plus(Duration.ofDays(3)), HOUR, DAY, 1)).isEqualTo(5_000_000);
  }

  @Test
  void withoutAScheduleEveryRunTakesWhatIsLeft() {
    assertThat(SliceSize.of(700, START, START, Duration.ZERO, DAY, 1)).isEqualTo(700);
  }

  @Test
  void aShortChainIsReVerifiedWholeByTheMinimum() {
    assertThat(SliceSize.of(3_000, START, START, HOUR, DAY, 10_000)).isEqualTo(10_000);
  }
}
