package dev.vigil.controls.catalog;

import static dev.vigil.controls.catalog.Given.NOW;
import static dev.vigil.controls.catalog.Given.daysAgo;
import static dev.vigil.controls.catalog.Given.hoursAgo;
import static dev.vigil.controls.catalog.Given.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.controls.model.AgentStatus;
import dev.vigil.controls.model.ControlException;
import dev.vigil.controls.model.Criticality;
import dev.vigil.controls.model.ReviewOutcome;
import dev.vigil.controls.model.Severity;
import dev.vigil.controls.model.VendorStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which members a control examined, and each one's result as an evidence index reads it:
 * fail when it is among the exceptions, excused when an approved exception covers it, pass
 * otherwise.
 */
class MembersTest {

  static final Catalog CATALOG = new Catalog(ControlParameters.defaults());

  // What an evaluation refuses.

  @Test
  void membersThatDoNotMatchThePopulationAreRefused() {
    assertThatThrownBy(() -> new Evaluation(3, List.of("grt_1", "grt_2"), List.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("2 members named for a population of 3");
  }

  @Test
  void aFailingSubjectThatWasNotExaminedIsRefused() {
    assertThatThrownBy(() -> Evaluation.ofMembers(List.of("grt_1"), List.of(new Deviation("grt_2", "wildcard"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("subject grt_2 is not among the members examined");
  }

  @Test
  void anExcusedSubjectThatWasNotExaminedIsRefused() {
    Excused stray = new Excused("grt_2", "wildcard", "exc_1", NOW.plusSeconds(60));
    assertThatThrownBy(() -> new Evaluation(1, List.of("grt_1"), List.of(), List.of(stray)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("subject grt_2 is not among the members examined");
  }

  @Test
  void aCountedPopulationNamesNoMembersAndAnySubject() {
    Evaluation e = Evaluation.of(7, List.of(new Deviation("entries 1-3", "deleted early")));
    assertThat(e.members()).isEmpty();
    assertThat(e.population()).isEqualTo(7);
  }

  // What the controls name.

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("cases")
  void eachMemberExaminedIsNamedWithItsResult(String controlId, Snapshot.Builder facts, String results) {
    Evaluation e = Catalog.evaluate(CATALOG.find(controlId).orElseThrow(), facts.build(), NOW);
    assertThat(results(e)).isEqualTo(results);
    assertThat(e.members()).hasSize((int) e.population());
    assertThat(Stream.concat(e.exceptions().stream().map(Deviation::subjectId),
        e.excused().stream().map(Excused::subjectId))).isSubsetOf(e.members());
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        // Numbers within ids compare as numbers, as deviations do: grt_9 before grt_10.
        Arguments.of("AC-1", snapshot()
            .activeGrants(List.of(CatalogTest.wildcard("grt_10"), LeastPrivilegeControlsTest.grant("grt_9", "crm:read"),
                LeastPrivilegeControlsTest.grant("grt_2", "*")))
            .exceptions(List.of(exception("AC-1", "grt_10"))),
            "grt_2=fail, grt_9=pass, grt_10=excused"),
        // Only active vendors are examined; an inactive one is no member.
        Arguments.of("VM-1", snapshot()
            .vendors(List.of(VendorControlsTest.active("ven_b"), VendorControlsTest.active("ven_a"),
                VendorControlsTest.vendor("ven_c", Criticality.MEDIUM, VendorStatus.INACTIVE)))
            .vendorReviews(List.of(VendorControlsTest.review("vrv_1", "ven_a", daysAgo(30), ReviewOutcome.APPROVED))),
            "ven_a=pass, ven_b=fail"),
        Arguments.of("VM-3", snapshot()
            .connections(List.of(VendorControlsTest.connection("con_1", "ven_a"),
                VendorControlsTest.connection("con_2", "ven_gone")))
            .vendors(List.of(VendorControlsTest.active("ven_a")))
            .vendorReviews(List.of(VendorControlsTest.review("vrv_1", "ven_a", daysAgo(30), ReviewOutcome.APPROVED))),
            "con_1=pass, con_2=fail"),
        // Only incidents in the window that touched customer data are examined.
        Arguments.of("IR-2", snapshot()
            .incidents(List.of(IncidentControlsTest.notified("inc_1", hoursAgo(100), hoursAgo(90)),
                IncidentControlsTest.notified("inc_2", hoursAgo(100), null),
                IncidentControlsTest.contained("inc_3", Severity.SEV2, hoursAgo(100), hoursAgo(99)),
                IncidentControlsTest.notified("inc_4", daysAgo(400), null))),
            "inc_1=pass, inc_2=fail"),
        Arguments.of("EN-3", snapshot()
            .connections(List.of(EncryptionControlsTest.connection("con_3", "ftp://files.example.com"),
                EncryptionControlsTest.connection("con_1", "https://crm.example.com"),
                EncryptionControlsTest.connection("con_2", "http://crm.example.com")))
            .exceptions(List.of(exception("EN-3", "con_2"))),
            "con_1=pass, con_2=excused, con_3=fail"),
        // A credential is named by its connection, as its deviation is.
        Arguments.of("EN-1", snapshot()
            .credentials(List.of(EncryptionControlsTest.ok("con_1"),
                new Facts.CredentialCheck("con_2", null, false, "stored in clear"))),
            "con_1=pass, con_2=fail"),
        Arguments.of("AC-5", snapshot()
            .agents(List.of(LeastPrivilegeControlsTest.agent("agt_1", AgentStatus.ACTIVE,
                "usr_1", daysAgo(200))))
            .lastAccessReviews(Map.of()),
            "agt_1=fail"));
  }

  @Test
  void controlsThatCountThingsThatAreNotObjectsNameNoMembers() {
    Evaluation ac6 = Catalog.evaluate(CATALOG.find("AC-6").orElseThrow(),
        snapshot().actions(new Facts.Actions(hoursAgo(24), 5, List.of())).build(), NOW);
    assertThat(ac6.population()).isEqualTo(5);
    assertThat(ac6.members()).isEmpty();
    Evaluation lg2 = Catalog.evaluate(CATALOG.find("LG-2").orElseThrow(),
        snapshot().retention(new Facts.Retention(1, 40, 40, daysAgo(500))).build(), NOW);
    assertThat(lg2.population()).isEqualTo(40);
    assertThat(lg2.members()).isEmpty();
  }

  @Test
  void anEmptyPopulationNamesNoMembers() {
    Evaluation e = Catalog.evaluate(CATALOG.find("AC-1").orElseThrow(), snapshot().activeGrants(List.of()).build(),
        NOW);
    assertThat(e.population()).isZero();
    assertThat(e.members()).isEmpty();
  }

  /** Each member with its result, in the order the evaluation names them. */
  static String results(Evaluation e) {
    Set<String> failing = e.exceptions().stream().map(Deviation::subjectId).collect(Collectors.toSet());
    Set<String> excused = e.excused().stream().map(Excused::subjectId).collect(Collectors.toSet());
    List<String> out = new ArrayList<>();
    for (String m : e.members()) {
      out.add(m + "=" + (failing.contains(m) ? "fail" : excused.contains(m) ? "excused" : "pass"));
    }
    return String.join(", ", out);
  }

  static ControlException exception(String controlId, String subjectId) {
    return CatalogTest.exception("exc_" + subjectId, controlId, subjectId, NOW.plus(Duration.ofDays(30)));
  }
}
