package dev.vigil.controls.catalog;

import static dev.vigil.controls.catalog.Given.NOW;
import static dev.vigil.controls.catalog.Given.daysAgo;
import static dev.vigil.controls.catalog.Given.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.controls.model.ControlException;
import dev.vigil.controls.model.ControlIds;
import dev.vigil.controls.model.Grant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CatalogTest {

  static final Catalog CATALOG = new Catalog(ControlParameters.defaults());

  /** The criteria column of ../shared/DESIGN.md. */
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
        daysAgo(5));
  }

  @Test
  void holdsTheEighteenControlsInDesignOrder() {
    assertThat(CATALOG.all()).extracting(Control::id).containsExactlyElementsOf(ControlIds.ALL);
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
      "EN-1 | CREDENTIALS", "EN-2 | KEYS", "EN-3 | CONNECTIONS", "LG-1 | CHAIN", "LG-2 | RETENTION",
      "LG-3 | MONITORING", "VM-1 | VENDORS VENDOR_REVIEWS", "VM-2 | VENDORS VENDOR_REVIEWS",
      "VM-3 | CONNECTIONS VENDORS VENDOR_REVIEWS", "IR-1 | INCIDENTS", "IR-2 | INCIDENTS", "IR-3 | INCIDENTS"})
  void eachControlNeedsExactlyTheFactsItReads(String id, String facts) {
    EnumSet<Fact> needs = EnumSet.noneOf(Fact.class);
    for (String f : facts.split(" ")) needs.add(Fact.valueOf(f));
    assertThat(CATALOG.find(id).orElseThrow().info().needs()).isEqualTo(needs);
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

  private static void loadEmpty(Snapshot.Builder b, Fact f) {
    switch (f) {
      case AGENTS -> b.agents(List.of());
      case USERS -> b.users(List.of());
      case ACTIVE_GRANTS -> b.activeGrants(List.of());
      case GRANT_LAST_USE -> b.grantLastUse(Map.of());
      case LAST_ACCESS_REVIEWS -> b.lastAccessReviews(Map.of());
      case ACTIONS -> b.actions(new Facts.Actions(NOW.minus(Duration.ofHours(24)), 0, List.of()));
      case CREDENTIALS -> b.credentials(List.of());
      case KEYS -> b.keys(List.of());
      case CONNECTIONS -> b.connections(List.of());
      case CHAIN -> b.chain(new Facts.Chain(0, List.of(), 0, List.of()));
      case RETENTION -> b.retention(new Facts.Retention(0, 0, 0, null));
      case MONITORING -> b.monitoring(new Facts.Monitoring(List.of(), List.of()));
      case VENDORS -> b.vendors(List.of());
      case VENDOR_REVIEWS -> b.vendorReviews(List.of());
      case INCIDENTS -> b.incidents(List.of());
    }
  }
}
