package dev.vigil.reports.pack;

import dev.vigil.collectors.db.Page;
import dev.vigil.collectors.monitoring.ControlQueries;
import dev.vigil.collectors.monitoring.ControlRun;
import dev.vigil.reports.period.Period;
import java.io.IOException;

/**
 * The runs as stored, read through the collectors' queries the way {@code GET
 * /controls/{id}/runs} pages them: newest first, a page at a time. Thread-safe.
 */
public final class StoredRuns implements RunSource {

  private static final int PAGE = 500;

  private final ControlQueries queries;

  public StoredRuns(ControlQueries queries) {
    this.queries = queries;
  }

  @Override
  public void forEach(String tenantId, String controlId, Period period, Visitor each) throws IOException {
    String cursor = null;
    do {
      Page<ControlRun> page = queries.runs(tenantId, controlId, period.from(), period.to(), cursor, PAGE);
      for (ControlRun run : page.items()) {
        each.accept(run, queries.evidence(tenantId, controlId, run.id()).orElse(null));
      }
      cursor = page.nextCursor();
    } while (cursor != null);
  }
}
