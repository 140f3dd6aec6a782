package dev.vigil.controls.catalog;

import static dev.vigil.controls.catalog.Given.NOW;
import static dev.vigil.controls.catalog.Given.daysAgo;
import static dev.vigil.controls.catalog.Given.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.controls.model.ControlException;
import dev.vigil.controls.model.Grant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CatalogTest {

  static final Catalog CATALOG = new Catalog(ControlParameters.defaults());

  /** The criteria each control maps to. */
  static final Map<String, List<String>> CRITERIA = Map.ofEntries(
      Map.entry("AC-1", List.of("CC6.1", "CC6.3")),
      Map.entry("AC-2", List.of("CC6.2", "CC6.3")),
      Map.entry("AC-3", List.of("CC6.3")),
      Map.entry("AC-4", List.of("CC6.2")),
      Map.entry("AC-5", List.of("CC6.2", "CC6.3")),
      Map.entry("AC-6", List.of("CC6.1", "CC6.3")),
      Map.entry("EN-1", List.of("CC6.1", "C1.1")),
      Map.entry("EN-2", List.of("CC6.1")),
      Map.entry("EN-3", List.of("CC6.7")),
      Map.entry("LG-1", List.of("CC7.2")),
      Map.entry("LG-2", List.of("CC7.2")),
      Map.entry("LG-3", List.of("CC7.2", "CC4.1")),
      Map.entry("VM-1", List.of("CC9.2")),
      Map.entry("VM-2", List.of("CC9.2")),
      Map.entry("VM-3", List.of("CC9.2")),
      Map.entry("IR-1", List.of("CC7.3", "CC7.4")),
      Map.entry("IR-2", List.of("CC7.4", "CC2.3")),
      Map.entry("IR-3", List.of("CC7.5")));

  static Grant wildcard(String id) {
    return new Grant("ten_1", id, "agt_1", "con_1", List.of("crm:*"), "why", "usr_1", "usr_2", daysAgo(1), null,
        null);
  }

  static ControlException exception(String id, String controlId, String subjectId, java.time.Instant expiresAt) {
    return new ControlException("ten_1", id, controlId, subjectId, "migration until Q1", "usr_2", expiresAt,
        daysAgo(5), null, null);
  }

  @Test
  void holdsTheEighteenControlsInDesignOrder() {
    assertThat(CATALOG.ids()).containsExactly("AC-1", "AC-2", "AC-3", "AC-4", "AC-5", "AC-6", "EN-1", "EN-2", "EN-3",
        "LG-1", "LG-2", "LG-3", "VM-1", "VM-2", "VM-3", "IR-1", "IR-2", "IR-3");
    assertThat(CATALOG.all()).extracting(Control::id).containsExactlyElementsOf(CATALOG.ids());
  }

  @Test
  void everyControlDescribesItselfAsDesignSays() {
    for (Control c : CATALOG.all()) {
      ControlInfo info = c.info();
      assertThat(info.title()).as(c.id()).isNotBlank();
      assertThat(info.procedure()).as(c.id()).isNotBlank().endsWith(".");
      assertThat(info.criteria()).as(c.id()).containsExactlyElementsOf(CRITERIA.get(c.id()));
      assertThat(info.needs()).as(c.id()).isNotEmpty();
    }
  }

  @ParameterizedTest(name = "{0} is in family {1}")
  @CsvSource({"AC-1, LEAST_PRIVILEGE", "AC-6, LEAST_PRIVILEGE", "EN-1, ENCRYPTION", "EN-3, ENCRYPTION",
      "LG-1, LOGGING", "LG-3, LOGGING", "VM-1, VENDORS", "VM-3, VENDORS", "IR-1, INCIDENTS", "IR-3, INCIDENTS"})
  void familiesGroupTheControls(String id, Family family) {
    assertThat(CATALOG.find(id).orElseThrow().info().family()).isEqualTo(family);
    assertThat(CATALOG.family(family)).extracting(Control::id).allMatch(i -> i.startsWith(id.substring(0, 3)));
    assertThat(CATALOG.family(family)).hasSizeBetween(3, 6);
  }

  @ParameterizedTest(name = "{0} needs {1}")
  @CsvSource(delimiter = '|', value = {
      "AC-1 | ACTIVE_GRANTS", "AC-2 | ACTIVE_GRANTS", "AC-3 | ACTIVE_GRANTS GRANT_LAST_USE",
      "AC-4 | ACTIVE_GRANTS AGENTS USERS", "AC-5 | AGENTS LAST_ACCESS_REVIEWS", "AC-6 | ACTIONS",
      "EN-1 | CREDENTIALS", "EN-2 | KEYS CREDENTIALS", "EN-3 | CONNECTIONS", "LG-1 | CHAIN", "LG-2 | RETENTION",
      "LG-3 | MONITORING", "VM-1 | VENDORS VENDOR_REVIEWS", "VM-2 | VENDORS VENDOR_REVIEWS",
      "VM-3 | CONNECTIONS VENDORS VENDOR_REVIEWS", "IR-1 | INCIDENTS", "IR-2 | INCIDENTS", "IR-3 | INCIDENTS"})
  void eachControlNeedsExactlyTheFactsItReads(String id, String facts) {
    EnumSet<Fact> needs = EnumSet.noneOf(Fact.class);
    for (String f : facts.split(" ")) needs.add(Fact.valueOf(f));
    assertThat(CATALOG.find(id).orElseThrow().info().needs()).isEqualTo(needs);
  }

  @ParameterizedTest(name = "{0} examines {1}")
  @CsvSource(delimiter = '|', value = {"AC-1 | GRANTS", "AC-2 | GRANTS", "AC-3 | GRANTS", "AC-4 | GRANTS",
      "AC-5 | AGENTS", "AC-6 |", "EN-1 | CREDENTIALS", "EN-2 | KEYS", "EN-3 | CONNECTIONS", "LG-1 |", "LG-2 |",
      "LG-3 |", "VM-1 | VENDORS", "VM-2 | VENDORS", "VM-3 | CONNECTIONS", "IR-1 | INCIDENTS", "IR-2 | INCIDENTS",
      "IR-3 | INCIDENTS"})
  void eachControlDeclaresWhatItsMembersAre(String id, String population) {
    Optional<Population> expected = population == null ? Optional.empty() : Optional.of(Population.valueOf(population));
    assertThat(new Catalog(ControlParameters.defaults()).find(id).orElseThrow().info().population()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} is not applicable when a run finds {1}")
  @CsvSource(delimiter = '|', value = {"AC-1 | no active grant", "AC-2 | no active grant", "AC-3 | no active grant",
      "AC-4 | no active grant", "AC-5 | no active agent", "AC-6 | no agent action reported in the window",
      "EN-1 | no stored credential", "EN-2 | no keyset and no stored credential",
      "EN-3 | no connection that is not retired", "LG-1 | an empty audit chain", "LG-2 | no audit entry",
      "LG-3 | no audit entry and no scheduled run due in the window", "VM-1 | no active vendor",
      "VM-2 | no active vendor of high or critical criticality", "VM-3 | no connection that is not retired",
      "IR-1 | no incident detected in the window",
      "IR-2 | no incident detected in the window that touched customer data",
      "IR-3 | no resolved sev1 or sev2 incident detected in the window"})
  void eachControlDeclaresWhenItIsNotApplicable(String id, String found) {
    assertThat(CATALOG.find(id).orElseThrow().info().notApplicableWhen()).contains(found);
  }

  @Test
  void anEmptyPopulationIsNotApplicableOnlyWhenNothingFailedOrWasExcusedAndTheControlSaysSo() {
    ControlInfo ac1 = CATALOG.find("AC-1").orElseThrow().info();
    assertThat(ac1.notApplicable(Evaluation.ofMembers(List.of(), List.of()))).isTrue();
    assertThat(ac1.notApplicable(Evaluation.ofMembers(List.of("grt_1"), List.of()))).isFalse();
    assertThat(ac1.notApplicable(Evaluation.of(0, List.of(new Deviation("keyset", "none"))))).isFalse();
    assertThat(ac1.notApplicable(new Evaluation(0, List.of(), List.of(),
        List.of(new Excused("grt_1", "wildcard", "exc_1", NOW))))).isFalse();
    // A control that does not declare it passes on an empty population, as every control once did.
    ControlDeclaration silent = ControlDeclaration.control("XX-1", "Counts vendors", Family.VENDORS).criteria("CC9.2")
        .reads(Fact.VENDORS).procedure("Counted the vendors.")
        .severity(FindingSeverity.LOW).remediation("Mark a vendor inactive.")
        .evaluates((snapshot, now, p) -> Evaluation.of(snapshot.vendors().size(), List.of()));
    ControlInfo info = Catalog.of(ControlParameters.defaults(), List.of(silent)).find("XX-1").orElseThrow().info();
    assertThat(info.notApplicableWhen()).isEmpty();
    assertThat(info.notApplicable(Evaluation.of(0, List.of()))).isFalse();
  }

  @ParameterizedTest(name = "{0} re-runs on {1}")
  @CsvSource(delimiter = '|', value = {
      "AC-1 | grant.created grant.revoked grant.expired access_review.recorded connection.retired",
      "AC-2 | grant.created grant.revoked grant.expired access_review.recorded connection.retired",
      "AC-3 | grant.revoked grant.expired access_review.recorded connection.retired",
      "AC-4 | grant.created grant.revoked grant.expired access_review.recorded connection.retired agent.created"
          + " agent.status_changed agent.owner_changed user.deactivated user.reactivated",
      "AC-5 | access_review.recorded agent.created agent.status_changed", "AC-6 | event.outside_grants",
      "EN-1 | credential.stored credential.deleted connection.retired credentials.reencrypted keys.created"
          + " keys.rotated",
      "EN-2 | keys.created keys.rotated",
      "EN-3 | connection.created connection.updated connection.retired", "LG-1 |", "LG-2 |", "LG-3 |",
      "VM-1 | vendor.created vendor.updated vendor.reviewed", "VM-2 | vendor.created vendor.updated vendor.reviewed",
      "VM-3 | connection.created connection.updated connection.retired vendor.created vendor.updated vendor.reviewed",
      "IR-1 | incident.opened incident.updated incident.corrected",
      "IR-2 | incident.opened incident.updated incident.corrected",
      "IR-3 | incident.opened incident.updated incident.corrected"})
  void eachControlIsReRunByTheChangesThatCanAlterItsResult(String id, String kinds) {
    List<String> expected = kinds == null ? List.of() : List.of(kinds.split(" "));
    assertThat(CATALOG.find(id).orElseThrow().info().triggers()).containsExactlyInAnyOrderElementsOf(expected);
    for (String kind : expected) assertThat(CATALOG.triggeredBy(kind)).extracting(Control::id).contains(id);
  }

  @Test
  void aChangeReRunsTheControlsThatDeclareItInCatalogOrder() {
    assertThat(CATALOG.triggeredBy("grant.created")).extracting(Control::id).containsExactly("AC-1", "AC-2", "AC-4");
    assertThat(CATALOG.triggeredBy("connection.created")).extracting(Control::id).containsExactly("EN-3", "VM-3");
    assertThat(CATALOG.triggeredBy("tenant.created")).isEmpty();
  }

  @ParameterizedTest(name = "controls.parameters.{0} defaults to {1}, at least {2}")
  @CsvSource(delimiter = '|', value = {
      "unusedGrantDays | 30 | 1", "accessReviewDays | 90 | 1", "actionLookbackHours | 24 | 1",
      "keyMaxAgeDays | 365 | 1", "fullVerificationHours | 24 | 1", "retentionDays | 365 | 1", "checkpointMaxGapMinutes | 60 | 1",
      "monitoringLookbackHours | 24 | 1", "missedRunTolerance | 1 | 0", "vendorReviewMonths | 12 | 1",
      "soc2ReportMaxAgeMonths | 18 | 1", "containmentSlaMinutes | {sev1: 240, sev2: 1440, sev3: 4320, sev4: 10080} | 1",
      "notificationHours | 72 | 1", "postmortemDays | 14 | 1", "incidentLookbackDays | 365 | 1"})
  void eachParameterIsDeclaredOnceWithItsDefaultAndMinimum(String name, String defaultValue, int min) {
    assertThat(CATALOG.declaredParameters()).filteredOn(p -> p.name().equals(name)).singleElement()
        .satisfies(p -> {
          assertThat(p.defaultInConfig()).isEqualTo(defaultValue);
          assertThat(p.min()).isEqualTo(min);
        });
    assertThat(CATALOG.declaredParameters()).hasSize(15);
  }

  @Test
  void aControlReadingAParameterItDidNotDeclareThrows() {
    ControlDeclaration sloppy = ControlDeclaration.control("XX-1", "Sloppy", Family.VENDORS).criteria("CC9.2")
        .reads(Fact.VENDORS).procedure("Counted the vendors.")
        .severity(FindingSeverity.LOW).remediation("Count again.")
        .evaluates((s, now, p) -> Evaluation.of(p.get(VendorControls.VENDOR_REVIEW_MONTHS), List.of()));
    Control control = Catalog.of(ControlParameters.defaults(), List.of(sloppy)).find("XX-1").orElseThrow();
    assertThatThrownBy(() -> control.evaluate(snapshot().vendors(List.of()).build(), NOW))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the control did not declare the parameter vendorReviewMonths");
  }

  @Test
  void aCatalogTakesFurtherDeclarationsBesideTheStandardOnes() {
    Parameter<Integer> most = Parameter.whole("mostVendors", 20, 1, "XX-1: at most this many active vendors");
    ControlDeclaration extra = ControlDeclaration.control("XX-1", "Few vendors", Family.VENDORS).criteria("CC9.2")
        .reads(Fact.VENDORS).triggeredBy("vendor.created").parameters(most)
        .procedure(p -> "Counted the active vendors against " + p.get(most) + ".")
        .severity(FindingSeverity.LOW).remediation("Mark a vendor inactive.")
        .evaluates((s, now, p) -> Evaluation.of(s.vendors().size(), List.of()));
    List<ControlDeclaration> declarations = new ArrayList<>(Catalog.standard());
    declarations.add(extra);
    Catalog catalog = Catalog.of(ControlParameters.defaults().with(most, 3), declarations);
    assertThat(catalog.family(Family.VENDORS)).extracting(Control::id).containsExactly("VM-1", "VM-2", "VM-3", "XX-1");
    assertThat(catalog.triggeredBy("vendor.created")).extracting(Control::id).endsWith("XX-1");
    assertThat(catalog.declaredParameters()).endsWith(most);
    assertThat(catalog.find("XX-1").orElseThrow().info().procedure()).isEqualTo("Counted the active vendors against 3.");
  }

  @Test
  void aCatalogRefusesTwoControlsWithOneIdAndTwoParametersWithOneName() {
    assertThatThrownBy(() -> Catalog.of(ControlParameters.defaults(),
        List.of(LeastPrivilegeControls.AC_1, LeastPrivilegeControls.AC_1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("two controls AC-1");
    Parameter<Integer> twin = Parameter.whole("unusedGrantDays", 7, 1, "a second parameter of the same name");
    ControlDeclaration clash = ControlDeclaration.control("XX-1", "Clash", Family.LEAST_PRIVILEGE).criteria("CC6.3")
        .reads(Fact.ACTIVE_GRANTS).parameters(twin).procedure("Inspected nothing.")
        .severity(FindingSeverity.LOW).remediation("Nothing to do.")
        .evaluates((s, now, p) -> Evaluation.of(0, List.of()));
    assertThatThrownBy(() -> Catalog.of(ControlParameters.defaults(), List.of(LeastPrivilegeControls.AC_3, clash)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("two parameters named unusedGrantDays");
  }

  @Test
  void needsOfAFamilyAreTheUnionOfItsControls() {
    assertThat(Catalog.needs(CATALOG.family(Family.VENDORS)))
        .containsExactlyInAnyOrder(Fact.CONNECTIONS, Fact.VENDORS, Fact.VENDOR_REVIEWS);
    assertThat(Catalog.needs(CATALOG.all())).containsExactlyInAnyOrder(Fact.values());
  }

  @Test
  void anApprovedUnexpiredExceptionExcusesItsSubject() {
    Snapshot s = snapshot()
        .activeGrants(List.of(wildcard("grt_1"), wildcard("grt_2")))
        .exceptions(List.of(exception("exc_1", "AC-1", "grt_1", NOW.plusMillis(1)),
            exception("exc_other_control", "AC-2", "grt_2", NOW.plus(Duration.ofDays(30)))))
        .build();
    Evaluation e = Catalog.evaluate(CATALOG.find("AC-1").orElseThrow(), s, NOW);
    assertThat(e.population()).isEqualTo(2);
    assertThat(e.exceptions()).extracting(Deviation::subjectId).containsExactly("grt_2");
    assertThat(e.excused()).containsExactly(new Excused("grt_1",
        "grant grt_1 gives agent agt_1 scope crm:* on connection con_1", "exc_1", NOW.plusMillis(1)));
  }

  @Test
  void whenEveryFailingMemberIsExcusedTheControlPasses() {
    Snapshot s = snapshot().activeGrants(List.of(wildcard("grt_1")))
        .exceptions(List.of(exception("exc_1", "AC-1", "grt_1", NOW.plus(Duration.ofDays(30))))).build();
    Evaluation e = Catalog.evaluate(CATALOG.find("AC-1").orElseThrow(), s, NOW);
    assertThat(e.passed()).isTrue();
    assertThat(e.excused()).extracting(Excused::exceptionId).containsExactly("exc_1");
  }

  @Test
  void anExceptionExpiringExactlyNowNoLongerCovers() {
    Snapshot s = snapshot().activeGrants(List.of(wildcard("grt_1")))
        .exceptions(List.of(exception("exc_1", "AC-1", "grt_1", NOW))).build();
    Evaluation e = Catalog.evaluate(CATALOG.find("AC-1").orElseThrow(), s, NOW);
    assertThat(e.passed()).isFalse();
    assertThat(e.exceptions()).extracting(Deviation::subjectId).containsExactly("grt_1");
    assertThat(e.excused()).isEmpty();
  }

  @Test
  void readingAFactThatWasNotLoadedThrows() {
    Snapshot onlyGrants = snapshot().activeGrants(List.of()).build();
    assertThatThrownBy(() -> CATALOG.find("AC-3").orElseThrow().evaluate(onlyGrants, NOW))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("GRANT_LAST_USE");
    assertThatThrownBy(() -> CATALOG.find("IR-1").orElseThrow().evaluate(onlyGrants, NOW))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void everyControlRunsOnASnapshotOfExactlyItsNeeds() {
    for (Control c : CATALOG.all()) {
      Snapshot.Builder b = snapshot();
      for (Fact f : c.info().needs()) loadEmpty(b, f);
      Evaluation e = c.evaluate(b.build(), NOW);
      assertThat(e.passed()).as(c.id()).isTrue();
      assertThat(e.population()).as(c.id()).isZero();
      assertThat(c.info().notApplicable(e)).as("%s on nothing is not applicable", c.id()).isTrue();
    }
  }

  @Test
  void deviationsAreOrderedBySubjectWithNumbersComparedAsNumbers() {
    List<String> ids = new ArrayList<>(List.of("entry 10", "entry 9", "checkpoint 100", "entry 2", "grt_b",
        "grt_a", "entry 09"));
    ids.sort(RuleControl.SUBJECT_ORDER);
    assertThat(ids).containsExactly("checkpoint 100", "entry 2", "entry 09", "entry 9", "entry 10", "grt_a",
        "grt_b");
  }

  @ParameterizedTest(name = "{0} reads {1}")
  @CsvSource({"PT0S, 0s", "PT45S, 45s", "PT5H30M, 5h 30m", "PT4H, 4h", "P1D, 1 day", "P31D, 31 days",
      "P1DT2H, 1 day 2h", "PT720H0.001S, 30 days 1ms", "PT-2H, -2h"})
  void durationsReadPlainlyAndNeverRoundToTheLimit(Duration d, String text) {
    assertThat(Durations.format(d)).isEqualTo(text);
  }

  // A switch expression: a new fact that this test cannot load does not compile.
  private static Snapshot.Builder loadEmpty(Snapshot.Builder b, Fact f) {
    return switch (f) {
      case AGENTS -> b.agents(List.of());
      case USERS -> b.users(List.of());
      case ACTIVE_GRANTS -> b.activeGrants(List.of());
      case GRANT_LAST_USE -> b.grantLastUse(Map.of());
      case LAST_ACCESS_REVIEWS -> b.lastAccessReviews(Map.of());
      case ACTIONS -> b.actions(new Facts.Actions(NOW.minus(Duration.ofHours(24)), 0, List.of()));
      case CREDENTIALS -> b.credentials(List.of());
      case KEYS -> b.keys(List.of());
      case CONNECTIONS -> b.connections(List.of());
      case CHAIN -> b.chain(new Facts.Chain(0, List.of(), 0, List.of(), Facts.ChainScope.whole(0, NOW)));
      case RETENTION -> b.retention(new Facts.Retention(0, 0, 0, null));
      case MONITORING -> b.monitoring(new Facts.Monitoring(List.of(), List.of()));
      case VENDORS -> b.vendors(List.of());
      case VENDOR_REVIEWS -> b.vendorReviews(List.of());
      case INCIDENTS -> b.incidents(List.of());
    };
  }
}
