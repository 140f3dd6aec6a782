package dev.vigil.reports.load;

import dev.vigil.collectors.monitoring.ControlQueries;
import dev.vigil.collectors.monitoring.StoredRun;
import dev.vigil.reports.period.Period;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The runs as stored, read through the collectors' queries newest first, as {@code GET
 * /controls/{id}/runs} lists them, streamed from one query per control, each run with its
 * evidence record (a query per run made a year's package wait on 1.9 million round trips).
 * Thread-safe.
 */
public final class StoredRuns implements RunSource {

  private final ControlQueries queries;

  public StoredRuns(ControlQueries queries) {
    this.queries = queries;
  }

  @Override
  public void forEach(String tenantId, String controlId, Period period, PeriodSink.RunVisitor each) throws IOException {
    forEachStored(tenantId, controlId, period, s -> each.accept(s.run(), s.evidence()));
  }

  /** Receives one run as stored, with the members its evidence lists. */
  @FunctionalInterface
  interface StoredVisitor {
    void accept(StoredRun run) throws IOException;
  }

  /** As {@link #forEach}, each run with the members its evidence lists, parsed with the run. */
  void forEachStored(String tenantId, String controlId, Period period, StoredVisitor each) throws IOException {
    try {
      queries.forEachStoredRun(tenantId, controlId, period.from(), period.to(), s -> {
        try {
          each.accept(s);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
