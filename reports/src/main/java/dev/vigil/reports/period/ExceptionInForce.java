package dev.vigil.reports.period;

import dev.vigil.controls.model.ControlException;
import java.time.Instant;
import java.util.List;

/**
 * An approved exception in force at some time in the period ({@code [createdAt, endsAt)}
 * overlaps it): who approved it, why and until when are the exception's own fields. {@code covered}
 * lists, for each failing deviation whose members include the exception's subject, the part of
 * the deviation the exception was in force for.
 */
public record ExceptionInForce(ControlException exception, List<Covered> covered) {

  public ExceptionInForce {
    covered = List.copyOf(covered);
  }

  /**
   * The stretch {@code [from, to)} of the deviation that began at {@code deviationStart} in
   * which the exception covered its member {@code subjectId}. While covered, the member is
   * excused rather than failing; the deviation went on because of other members or other times.
   */
  public record Covered(Instant deviationStart, String subjectId, Instant from, Instant to) {}
}
