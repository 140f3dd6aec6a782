package dev.vigil.controls.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.controls.model.Criticality;
import dev.vigil.controls.model.Severity;
import org.junit.jupiter.api.Test;

class FindingSeverityTest {

  @Test
  void aCriticalMemberRaisesOneStepALowOneLowersAndTheEndsHold() {
    assertThat(FindingSeverity.MEDIUM.forMember(Criticality.CRITICAL)).isEqualTo(FindingSeverity.HIGH);
    assertThat(FindingSeverity.CRITICAL.forMember(Criticality.CRITICAL)).isEqualTo(FindingSeverity.CRITICAL);
    assertThat(FindingSeverity.MEDIUM.forMember(Criticality.LOW)).isEqualTo(FindingSeverity.LOW);
    assertThat(FindingSeverity.LOW.forMember(Criticality.LOW)).isEqualTo(FindingSeverity.LOW);
    assertThat(FindingSeverity.HIGH.forMember(Criticality.HIGH)).isEqualTo(FindingSeverity.HIGH);
    assertThat(FindingSeverity.HIGH.forMember(Criticality.MEDIUM)).isEqualTo(FindingSeverity.HIGH);
    assertThat(FindingSeverity.HIGH.forMember(null)).isEqualTo(FindingSeverity.HIGH);
  }

  @Test
  void anIncidentWeighsByItsSeverity() {
    assertThat(FindingSeverity.HIGH.forMember(FindingSeverity.weightOf(Severity.SEV1))).isEqualTo(FindingSeverity.CRITICAL);
    assertThat(FindingSeverity.HIGH.forMember(FindingSeverity.weightOf(Severity.SEV4))).isEqualTo(FindingSeverity.MEDIUM);
  }

  @Test
  void everyControlOfTheCatalogDeclaresASeverityAndARemediationNamingTheCallThatHelps() {
    for (Control c : new Catalog(ControlParameters.defaults()).all()) {
      assertThat(c.info().severity()).as(c.id()).isNotNull();
      // An API call, the CLI, or (for the monitoring gaps of LG-3) the health check.
      assertThat(c.info().remediation()).as(c.id()).containsAnyOf("/api/v1/", "vigil ", "GET /healthcheck");
    }
  }
}
