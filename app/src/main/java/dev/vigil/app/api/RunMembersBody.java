package dev.vigil.app.api;

import dev.vigil.collectors.db.Page;
import dev.vigil.collectors.monitoring.MemberResults;
import java.util.List;

/**
 * A page of the members a control run examined, each with its result, in its evidence record's
 * order; a list like every other ({@code items}, {@code nextCursor}) that also says how many
 * members the run examined ({@code population}) and whether its pages name them all
 * ({@code membersListed}). An empty page of a run that listed its members means none matched;
 * of a run that did not ({@code membersListed: false}), that the record names them only as a count.
 */
public record RunMembersBody(List<RunMember> items, String nextCursor, long population,
    boolean membersListed) {

  /**
   * One member: its id, what kind of object it is (the control's population: {@code grant},
   * {@code agent}, {@code connection} ...), its result, and for a failing or excused member the
   * recorded detail (with the excusing exception's id when excused); null where not applicable.
   */
  public record RunMember(String subjectId, String kind, MemberResults.Result result, String detail,
      String exceptionId) {}

  /** {@code page} of {@code listing}'s members, each named as a {@code kind}. */
  public static RunMembersBody of(Page<MemberResults.Member> page, String kind, MemberResults.Listing listing) {
    return new RunMembersBody(page.items().stream()
        .map(m -> new RunMember(m.subjectId(), kind, m.result(), m.detail(), m.exceptionId())).toList(),
        page.nextCursor(), listing.population(), listing.listed());
  }
}
