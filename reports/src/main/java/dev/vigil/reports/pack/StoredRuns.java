package dev.vigil.reports.pack;

import dev.vigil.collectors.db.Page;
import dev.vigil.collectors.monitoring.ControlQueries;
import dev.vigil.collectors.monitoring.StoredRun;
import dev.vigil.reports.period.Period;
import java.io.IOException;

/**
 * The runs as stored, read through the collectors' queries the way {@code GET
 * /controls/{id}/runs} pages them: newest first, a page at a time, each run with its evidence
 * record in the same query (a query per run made a year's package wait on 1.9 million round
 * trips). Thread-safe.
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
      Page<StoredRun> page = queries.storedRuns(tenantId, controlId, period.from(), period.to(), cursor, PAGE);
      for (StoredRun s : page.items()) each.accept(s.run(), s.evidence());
      cursor = page.nextCursor();
    } while (cursor != null);
  }
}
