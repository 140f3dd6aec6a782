package dev.vigil.reports.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SampleSizeTableTest {

  @Test
  void anIntervalThatIsNotPositiveHasNoFrequency() {
    assertThatThrownBy(() -> SampleSizeTable.frequency(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SampleSizeTable.frequency(Duration.ofMinutes(-5)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aNegativePopulationIsRefused() {
    assertThatThrownBy(() -> SampleSizeTable.size(Frequency.DAILY, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theFrequencyFollowsTheScheduleIntervalWithInclusiveBounds() {
    assertThat(SampleSizeTable.frequency(Duration.ofMinutes(5))).isEqualTo(Frequency.SEVERAL_TIMES_A_DAY);
    assertThat(SampleSizeTable.frequency(Duration.ofHours(12))).isEqualTo(Frequency.SEVERAL_TIMES_A_DAY);
    assertThat(SampleSizeTable.frequency(Duration.ofHours(12).plusSeconds(1))).isEqualTo(Frequency.DAILY);
    assertThat(SampleSizeTable.frequency(Duration.ofDays(1))).isEqualTo(Frequency.DAILY);
    assertThat(SampleSizeTable.frequency(Duration.ofDays(7))).isEqualTo(Frequency.WEEKLY);
    assertThat(SampleSizeTable.frequency(Duration.ofDays(30))).isEqualTo(Frequency.MONTHLY);
    assertThat(SampleSizeTable.frequency(Duration.ofDays(91))).isEqualTo(Frequency.QUARTERLY);
    assertThat(SampleSizeTable.frequency(Duration.ofDays(93))).isEqualTo(Frequency.ANNUAL);
    assertThat(SampleSizeTable.frequency(Duration.ofDays(365))).isEqualTo(Frequency.ANNUAL);
  }

  @Test
  void theSizeFollowsFrequencyAndPopulation() {
    assertThat(SampleSizeTable.size(Frequency.SEVERAL_TIMES_A_DAY, 20_000)).isEqualTo(25);
    assertThat(SampleSizeTable.size(Frequency.DAILY, 251)).isEqualTo(25);
    assertThat(SampleSizeTable.size(Frequency.DAILY, 250)).isEqualTo(20);
    assertThat(SampleSizeTable.size(Frequency.DAILY, 50)).isEqualTo(10);
    assertThat(SampleSizeTable.size(Frequency.WEEKLY, 1_000)).isEqualTo(15);
    assertThat(SampleSizeTable.size(Frequency.MONTHLY, 1_000)).isEqualTo(5);
    assertThat(SampleSizeTable.size(Frequency.QUARTERLY, 1_000)).isEqualTo(2);
    assertThat(SampleSizeTable.size(Frequency.ANNUAL, 1_000)).isEqualTo(1);
  }

  @Test
  void aPopulationNoBiggerThanItsSampleIsSampledWhole() {
    assertThat(SampleSizeTable.size(Frequency.SEVERAL_TIMES_A_DAY, 15)).isEqualTo(15);
    assertThat(SampleSizeTable.size(Frequency.SEVERAL_TIMES_A_DAY, 7)).isEqualTo(7);
    assertThat(SampleSizeTable.size(Frequency.QUARTERLY, 1)).isEqualTo(1);
    assertThat(SampleSizeTable.size(Frequency.DAILY, 0)).isZero();
  }
}
