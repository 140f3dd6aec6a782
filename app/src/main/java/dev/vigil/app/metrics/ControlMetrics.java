package dev.vigil.app.metrics;

import dev.vigil.collectors.monitoring.ControlRunner;
import dev.vigil.collectors.monitoring.RunRecorder;
import dev.vigil.collectors.monitoring.RunResult;
import dev.vigil.controls.catalog.Control;
import dev.vigil.controls.catalog.Family;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Continuous controls: runs recorded by control and result, the scheduler's misfires by family,
 * and the findings open now by control (findings carry no severity; the control is the label
 * that says what is wrong). Every tenant's together: control ids and families are the
 * catalog's, so the series stay few. Thread-safe.
 */
public final class ControlMetrics implements ControlRunner.RunListener, Consumer<Family> {

  private static final Logger LOG = LoggerFactory.getLogger(ControlMetrics.class);

  private final PrometheusRegistry registry;
  private final Counter runs;
  private final Counter misfires;

  ControlMetrics(PrometheusRegistry registry) {
    this.registry = registry;
    runs = Counter.builder().name("vigil_control_runs_total")
        .help("Control runs recorded, every tenant's, by control id and result (pass, fail, error, not_applicable)")
        .labelNames("control", "result").register(registry);
    misfires = Counter.builder().name("vigil_scheduler_misfires_total")
        .help("Scheduled family sweeps that missed their moment by more than the misfire threshold (30 s), "
            + "by family; each is skipped, not caught up")
        .labelNames("family").register(registry);
    for (Family f : Family.values()) misfires.initLabelValues(f.wire());
  }

  /**
   * Shows a zero for each result of each of the catalog's {@code controlIds} before their first
   * run, and registers {@code vigil_findings_open}, read from {@code openByControl} at each
   * scrape (a control of the catalog with none shows 0). A read that fails leaves the gauge out
   * of that scrape (and is logged) rather than failing the scrape.
   */
  public void catalog(Collection<String> controlIds, Supplier<Map<String, Long>> openByControl) {
    for (String id : controlIds) {
      for (RunResult r : RunResult.values()) runs.initLabelValues(id, r.wire());
    }
    List<String> ids = List.copyOf(controlIds);
    GaugeWithCallback.builder().name("vigil_findings_open")
        .help("Findings open now, every tenant's, by control id (read from the database at each scrape)")
        .labelNames("control")
        .callback(gauge -> {
          Map<String, Long> open;
          try {
            open = openByControl.get();
          } catch (RuntimeException e) {
            LOG.warn("open findings could not be read for the metrics scrape", e);
            return;
          }
          Map<String, Long> all = new TreeMap<>(open);
          for (String id : ids) all.putIfAbsent(id, 0L);
          all.forEach((control, count) -> gauge.call(count, control));
        })
        .register(registry);
  }

  @Override
  public void recorded(Control control, RunRecorder.Outcome outcome) {
    runs.labelValues(control.id(), outcome.run().result().wire()).inc();
  }

  /** A misfire of {@code family}'s sweep. */
  @Override
  public void accept(Family family) {
    misfires.labelValues(family.wire()).inc();
  }
}
