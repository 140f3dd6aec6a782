package dev.vigil.controls.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.controls.model.Severity;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterTest {

  static final Parameter<Integer> DAYS = LeastPrivilegeControls.UNUSED_GRANT_DAYS;
  static final Parameter<Map<Severity, Duration>> SLA = IncidentControls.CONTAINMENT_SLA;

  @Test
  void aWholeNumberIsReadFromANumberOrTheDigitsAnOverrideGives() {
    assertThat(DAYS.read(7)).isEqualTo(7);
    assertThat(DAYS.read(" 45 ")).isEqualTo(45);
    assertThat(DAYS.read(1)).isEqualTo(1);
  }

  @Test
  void aWholeNumberBelowItsMinimumOrNotANumberIsRefusedByName() {
    assertThatThrownBy(() -> DAYS.read(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unusedGrantDays must be at least 1, not 0");
    assertThatThrownBy(() -> DAYS.read("thirty")).hasMessage("unusedGrantDays must be a whole number, not thirty");
    assertThatThrownBy(() -> DAYS.read(7.5)).hasMessage("unusedGrantDays must be a whole number, not 7.5");
    assertThatThrownBy(() -> DAYS.read(null)).hasMessage("unusedGrantDays must be a whole number, not null");
    assertThat(LoggingControls.MISSED_RUN_TOLERANCE.read(0)).isZero();
  }

  @Test
  void theSlaIsReadInMinutesPerSeverity() {
    assertThat(SLA.read(Map.of("sev1", 60, "sev2", "120", "SEV3", 180, "sev4", 240)))
        .containsExactlyInAnyOrderEntriesOf(Map.of(Severity.SEV1, Duration.ofHours(1),
            Severity.SEV2, Duration.ofHours(2), Severity.SEV3, Duration.ofHours(3), Severity.SEV4, Duration.ofHours(4)));
  }

  @Test
  void theSlaNeedsEverySeverityAndNothingElse() {
    assertThatThrownBy(() -> SLA.read(Map.of("sev1", 60))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("containmentSlaMinutes needs minutes for sev1, sev2, sev3 and sev4");
    assertThatThrownBy(() -> SLA.read(Map.of("sev1", 60, "sev2", 60, "sev3", 60, "sev4", 60, "sev5", 60)))
        .hasMessage("containmentSlaMinutes.sev5 is not a severity: use sev1, sev2, sev3 or sev4");
    assertThatThrownBy(() -> SLA.read(Map.of("sev1", 0, "sev2", 60, "sev3", 60, "sev4", 60)))
        .hasMessage("containmentSlaMinutes.sev1 must be at least 1, not 0");
    assertThatThrownBy(() -> SLA.read(240)).hasMessageStartingWith("containmentSlaMinutes must map each severity");
  }

  @Test
  void valuesDefaultToTheDeclarationAndAreCheckedWhenSet() {
    ControlParameters defaults = ControlParameters.defaults();
    assertThat(defaults.get(DAYS)).isEqualTo(30);
    assertThat(defaults.with(DAYS, 7).get(DAYS)).isEqualTo(7);
    assertThat(defaults.get(DAYS)).isEqualTo(30);
    assertThatThrownBy(() -> defaults.with(DAYS, 0)).hasMessage("unusedGrantDays must be at least 1, not 0");
    assertThat(defaults.get(SLA).get(Severity.SEV4)).isEqualTo(Duration.ofDays(7));
  }
}
