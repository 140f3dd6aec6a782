package dev.vigil.reports.sample;

import dev.vigil.controls.audit.AuditEntry;
import java.util.List;

/**
 * A sampled member with its evidence in the period.
 *
 * @param memberId the member (a grant, agent, vendor, connection, incident ...)
 * @param rank its rank in the draw ({@link SampleDraw})
 * @param examinations the runs in the period that examined it, in effect order
 * @param chainEntries the audit chain entries in the period that changed it, oldest first: read
 *     from the database by the caller and set with {@link #withChainEntries}; empty until then
 */
public record SampledItem(String memberId, String rank, List<Examination> examinations, List<AuditEntry> chainEntries) {

  public SampledItem {
    examinations = List.copyOf(examinations);
    chainEntries = List.copyOf(chainEntries);
  }

  public SampledItem withChainEntries(List<AuditEntry> entries) {
    return new SampledItem(memberId, rank, examinations, entries);
  }
}
