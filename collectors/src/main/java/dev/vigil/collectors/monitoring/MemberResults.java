package dev.vigil.collectors.monitoring;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Each member a run examined with its result, read from the run's stored evidence record as
 * {@link RunRecorder} wrote it, by the rule of {@link dev.vigil.controls.catalog.Evaluation}: a
 * member fails when the record lists it among {@code exceptions}, is excused when it lists it
 * among {@code excused}, and passes otherwise. That rule holds only when the record names every
 * failing and excused member, so a run whose record lists its members but not all of those
 * (more than {@link RunRecorder#LISTED} of either) counts as not listing them. Stateless.
 */
public final class MemberResults {

  /** Thread-safe once configured. */
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A member's result in one run. */
  public enum Result {
    PASS,
    FAIL,
    EXCUSED;

    @JsonValue
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The result named {@code wire} ({@code pass} ...), if any. */
    public static Optional<Result> ofWire(String wire) {
      return Arrays.stream(values()).filter(r -> r.wire().equals(wire)).findFirst();
    }
  }

  /**
   * One member examined: its id, its result, and for a failing or excused member the detail
   * the run recorded (null when it passed), with the excusing exception's id when excused.
   */
  public record Member(String subjectId, Result result, String detail, String exceptionId) {}

  /**
   * A run's members: {@code population} is the whole count the run examined; {@code listed}
   * says whether {@code members} names every one of them with its result, in the record's
   * order (also when it examined none). When not listed, {@code members} is empty: the control
   * counts things that are not objects (LG-1 ...), the population was larger than
   * {@link RunRecorder#MEMBERS_LISTED}, more members failed or were excused than the record
   * names, or the run could not evaluate. {@code scope} is the record's statement of what the
   * run examined beyond its count (LG-1's), empty for other controls.
   */
  public record Listing(long population, boolean listed, List<Member> members, List<String> scope) {
    public Listing {
      members = List.copyOf(members);
      scope = List.copyOf(scope);
    }
  }

  private MemberResults() {}

  /** The members of run {@code runId} as its {@code evidence} record (canonical JSON) names them. */
  public static Listing of(String runId, String evidence) {
    JsonNode e;
    try {
      e = JSON.readTree(evidence);
    } catch (IOException x) {
      throw new UncheckedIOException("run " + runId + " has unreadable evidence", x);
    }
    long population = e.path("population").asLong(0);
    JsonNode failing = e.path("exceptions");
    JsonNode excused = e.path("excused");
    boolean whole = e.path("membersListed").asBoolean(false)
        && failing.size() == e.path("exceptionCount").asLong(-1)
        && excused.size() == e.path("excusedCount").asLong(-1);
    List<String> scope = new ArrayList<>();
    e.path("scope").forEach(s -> scope.add(s.asText()));
    if (!whole) return new Listing(population, population == 0, List.of(), scope);
    // A member's first deviation gives its detail, as its finding's; failing goes before excused.
    Map<String, Member> named = new HashMap<>();
    for (JsonNode x : failing) {
      String subject = x.path("subjectId").asText();
      named.putIfAbsent(subject, new Member(subject, Result.FAIL, x.path("detail").asText(), null));
    }
    for (JsonNode x : excused) {
      String subject = x.path("subjectId").asText();
      named.putIfAbsent(subject, new Member(subject, Result.EXCUSED, x.path("detail").asText(),
          x.path("exceptionId").asText()));
    }
    List<Member> members = new ArrayList<>(e.path("members").size());
    for (JsonNode m : e.path("members")) {
      String subject = m.asText();
      members.add(named.getOrDefault(subject, new Member(subject, Result.PASS, null, null)));
    }
    return new Listing(population, true, members, scope);
  }
}
