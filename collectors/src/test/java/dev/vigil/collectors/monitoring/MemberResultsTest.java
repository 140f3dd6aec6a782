package dev.vigil.collectors.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collectors.monitoring.MemberResults.Member;
import dev.vigil.collectors.monitoring.MemberResults.Result;
import dev.vigil.controls.catalog.Catalog;
import dev.vigil.controls.catalog.ControlInfo;
import dev.vigil.controls.catalog.ControlParameters;
import dev.vigil.controls.catalog.Deviation;
import dev.vigil.controls.catalog.Evaluation;
import dev.vigil.controls.catalog.Excused;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Each member's result, read back from evidence records exactly as RunRecorder writes them. */
class MemberResultsTest {

  private static final Instant AT = Instant.parse("2026-11-24T10:00:00Z");
  private static final ControlInfo AC_1 = Catalog.of(ControlParameters.defaults(), Catalog.standard())
      .find("AC-1").orElseThrow().info();

  private static MemberResults.Listing read(Evaluation evaluation) {
    RunDao.RunRow row = RunRecorder.row("ten_1", "run_1", AC_1, RunTrigger.MANUAL, null, Duration.ofMinutes(5), AT,
        AT.plusSeconds(1), evaluation, evaluation == null ? "facts failed to load" : null);
    return MemberResults.of(row.id(), row.evidence());
  }

  private static List<String> ids(int n) {
    return IntStream.range(0, n).mapToObj(i -> String.format("gra_%026d", i)).toList();
  }

  @Test
  void eachListedMemberHasItsResultInTheRecordsOrder() {
    Instant until = AT.plusSeconds(3600);
    Evaluation e = new Evaluation(4, List.of("gra_b", "gra_a", "gra_d", "gra_c"),
        List.of(new Deviation("gra_a", "grants *"), new Deviation("gra_a", "grants admin")),
        List.of(new Excused("gra_c", "grants crm:*", "exc_1", until)));

    MemberResults.Listing listing = read(e);

    assertThat(listing.listed()).isTrue();
    assertThat(listing.population()).isEqualTo(4);
    assertThat(listing.members()).containsExactly(
        new Member("gra_b", Result.PASS, null, null),
        new Member("gra_a", Result.FAIL, "grants *", null),
        new Member("gra_d", Result.PASS, null, null),
        new Member("gra_c", Result.EXCUSED, "grants crm:*", "exc_1"));
  }

  @Test
  void aCountedRunListsNoMemberButItsScopeAndOtherRecordsHaveNone() {
    Evaluation counted = Evaluation.of(501, List.of()).withScope(List.of("Verified entries 401 to 500."));
    MemberResults.Listing listing = read(counted);
    assertThat(listing.listed()).isFalse();
    assertThat(listing.scope()).containsExactly("Verified entries 401 to 500.");

    RunDao.RunRow plain = RunRecorder.row("ten_1", "run_2", AC_1, RunTrigger.MANUAL, null, Duration.ofMinutes(5), AT,
        AT, Evaluation.of(3, List.of()), null);
    assertThat(plain.evidence()).doesNotContain("\"scope\"");
    assertThat(MemberResults.of(plain.id(), plain.evidence()).scope()).isEmpty();
  }

  @Test
  void aRunThatExaminedNothingListsAllOfNothing() {
    MemberResults.Listing listing = read(Evaluation.ofMembers(List.of(), List.of()));
    assertThat(listing.listed()).isTrue();
    assertThat(listing.population()).isZero();
    assertThat(listing.members()).isEmpty();
  }

  @Test
  void countedPopulationsErrorsAndTooManyMembersAreNotListed() {
    MemberResults.Listing counted = read(Evaluation.of(120, List.of(new Deviation("entry 9", "hash mismatch"))));
    assertThat(counted.listed()).isFalse();
    assertThat(counted.population()).isEqualTo(120);
    assertThat(counted.members()).isEmpty();

    MemberResults.Listing error = read(null);
    assertThat(error.listed()).isTrue(); // it examined nothing
    assertThat(error.members()).isEmpty();

    List<String> many = ids(RunRecorder.MEMBERS_LISTED + 1);
    MemberResults.Listing big = read(Evaluation.ofMembers(many, List.of(new Deviation(many.get(0), "grants *"))));
    assertThat(big.listed()).isFalse();
    assertThat(big.population()).isEqualTo(RunRecorder.MEMBERS_LISTED + 1);
    assertThat(big.members()).isEmpty();
  }

  /** The record names at most LISTED failing members, so the others' results cannot be told from it. */
  @Test
  void moreFailingMembersThanTheRecordNamesAreNotListed() {
    List<String> members = ids(RunRecorder.LISTED + 10);
    List<Deviation> failing = members.subList(0, RunRecorder.LISTED + 1).stream()
        .map(m -> new Deviation(m, "grants *")).toList();
    MemberResults.Listing listing = read(Evaluation.ofMembers(members, failing));
    assertThat(listing.listed()).isFalse();
    assertThat(listing.members()).isEmpty();

    MemberResults.Listing atTheLimit = read(Evaluation.ofMembers(members, failing.subList(0, RunRecorder.LISTED)));
    assertThat(atTheLimit.listed()).isTrue();
    assertThat(atTheLimit.members()).filteredOn(m -> m.result() == Result.FAIL).hasSize(RunRecorder.LISTED);
    assertThat(atTheLimit.members()).filteredOn(m -> m.result() == Result.PASS).hasSize(10);
  }
}
