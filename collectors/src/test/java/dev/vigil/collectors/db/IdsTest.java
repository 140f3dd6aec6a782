package dev.vigil.collectors.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collectors.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdsTest {

  @Test
  void idsMadeInOneMillisecondOrAfterTheClockStepsBackStillSortInCreationOrder() {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-26T12:00:00Z"));
    Ids ids = new Ids(clock);
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      made.add(ids.next("agt"));
      if (i == 5_000) clock.advance(Duration.ofSeconds(-30));
      if (i == 7_000) clock.advance(Duration.ofHours(1));
    }
    assertThat(made).isSorted().doesNotHaveDuplicates();
    assertThat(made.get(0)).matches("agt_[0-9a-hjkmnp-tv-z]{26}");
  }
}
