package dev.vigil.reports.sample;

import dev.vigil.controls.audit.AuditEntry;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A sampled member with its evidence in the period.
 *
 * @param memberId the member (a grant, agent, vendor, connection, incident ...)
 * @param rank its rank in the draw ({@link SampleDraw})
 * @param examinations the runs in the period that examined it, in effect order, as stretches of
 *     consecutive runs that found the same
 * @param chainEntries the audit chain entries in the period that changed it, oldest first: read
 *     from the database by the caller and set with {@link #withChainEntries}; empty until then
 */
public record SampledItem(String memberId, String rank, List<Stretch> examinations, List<AuditEntry> chainEntries) {

  public SampledItem {
    examinations = List.copyOf(examinations);
    chainEntries = List.copyOf(chainEntries);
  }

  /** How many runs examined it, by what they found (results no run found are absent). */
  public Map<ItemResult, Long> runsByResult() {
    Map<ItemResult, Long> out = new EnumMap<>(ItemResult.class);
    examinations.forEach(s -> out.merge(s.result(), s.runs(), Long::sum));
    return out;
  }

  /** How many runs examined it. */
  public long runs() {
    return examinations.stream().mapToLong(Stretch::runs).sum();
  }

  /** Its stretches in which it did not pass (failed, excused or unknown), in effect order. */
  public List<Stretch> notPassed() {
    return examinations.stream().filter(s -> s.result() != ItemResult.PASSED).toList();
  }

  public SampledItem withChainEntries(List<AuditEntry> entries) {
    return new SampledItem(memberId, rank, examinations, entries);
  }
}
