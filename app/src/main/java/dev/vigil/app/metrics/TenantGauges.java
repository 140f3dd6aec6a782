package dev.vigil.app.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges of one per-tenant reading, read once at each scrape: for each gauge, a series per
 * tenant labelled {@code tenant} while there are at most {@code tenantLabelsUpTo} tenants, and
 * always one {@code <name>_max} series, the largest value of any tenant (0 with none). Past
 * the bound the per-tenant series are left out, so a service with many tenants does not
 * multiply its series; the {@code _max} gauge is what to alert on either way. A reading that
 * fails leaves these gauges out of that scrape (and is logged) rather than failing the scrape.
 *
 * @param <T> one tenant's reading
 */
final class TenantGauges<T> implements MultiCollector {

  /** One gauge: its name, help, and the value it takes from a tenant's reading. */
  record Gauge<T>(String name, String help, ToDoubleFunction<T> value) {}

  private static final Logger LOG = LoggerFactory.getLogger(TenantGauges.class);

  private final Supplier<List<T>> read;
  private final Function<T, String> tenant;
  private final int tenantLabelsUpTo;
  private final List<Gauge<T>> gauges;

  TenantGauges(Supplier<List<T>> read, Function<T, String> tenant, int tenantLabelsUpTo, List<Gauge<T>> gauges) {
    this.read = read;
    this.tenant = tenant;
    this.tenantLabelsUpTo = tenantLabelsUpTo;
    this.gauges = List.copyOf(gauges);
  }

  @Override
  public MetricSnapshots collect() {
    List<T> rows;
    try {
      rows = read.get();
    } catch (RuntimeException e) {
      LOG.warn("{} could not be read for the metrics scrape", getPrometheusNames(), e);
      return new MetricSnapshots();
    }
    List<MetricSnapshot> out = new ArrayList<>();
    for (Gauge<T> g : gauges) {
      if (rows.size() <= tenantLabelsUpTo) {
        GaugeSnapshot.Builder each = GaugeSnapshot.builder().name(g.name()).help(g.help() + ", by tenant id");
        for (T row : rows) {
          each.dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of("tenant", tenant.apply(row)))
              .value(g.value().applyAsDouble(row)).build());
        }
        out.add(each.build());
      }
      double max = rows.stream().mapToDouble(g.value()).max().orElse(0);
      out.add(GaugeSnapshot.builder().name(g.name() + "_max").help(g.help() + ", the largest of any tenant")
          .dataPoint(GaugeDataPointSnapshot.builder().value(max).build()).build());
    }
    return new MetricSnapshots(out);
  }

  @Override
  public List<String> getPrometheusNames() {
    List<String> names = new ArrayList<>();
    for (Gauge<T> g : gauges) {
      names.add(g.name());
      names.add(g.name() + "_max");
    }
    return names;
  }
}
