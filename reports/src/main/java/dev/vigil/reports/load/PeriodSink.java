package dev.vigil.reports.load;

import dev.vigil.collectors.audit.AuditLog;
import dev.vigil.collectors.monitoring.ControlRun;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Where a period's read streams what it reads, so that writing the evidence package is no
 * second pass over the period: the period's audit entries (which the package writes as its
 * audit bundle while the reader verifies and counts them) and each control's runs with their
 * evidence (which the package writes as the control's {@code runs.jsonl} while the reader
 * builds the control's history). A year holds millions of both; reading them twice took most
 * of a year's report. {@link #readOnly} keeps nothing.
 */
public interface PeriodSink {

  /**
   * Streams the tenant's entries {@code range.first()..range.last()} in seq order to
   * {@code each}, writing them wherever this sink writes them.
   */
  void entries(String tenantId, AuditLog.Range range, Consumer<AuditLog.StoredEntry> each) throws IOException;

  /** Lets {@code pass} read a control's runs, handing each to this sink as it goes. */
  void runs(String controlId, RunPass pass) throws IOException;

  /** A read of one control's runs that hands each run to the visitor it is given. */
  @FunctionalInterface
  interface RunPass {
    void read(RunVisitor each) throws IOException;
  }

  /** Receives one run and its evidence record exactly as stored (null when it has none). */
  @FunctionalInterface
  interface RunVisitor {
    void accept(ControlRun run, String evidence) throws IOException;
  }

  /** A sink that only reads: the entries from the chain as stored, the runs as the pass reads them. */
  static PeriodSink readOnly(AuditLog log) {
    return new PeriodSink() {
      @Override
      public void entries(String tenantId, AuditLog.Range range, Consumer<AuditLog.StoredEntry> each) {
        log.forEachStored(tenantId, range.first() - 1, range.last(), each);
      }

      @Override
      public void runs(String controlId, RunPass pass) throws IOException {
        pass.read((run, evidence) -> { });
      }
    };
  }
}
