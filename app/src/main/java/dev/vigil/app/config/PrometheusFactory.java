package dev.vigil.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vigil.app.metrics.ServiceMetrics;
import io.dropwizard.core.setup.Environment;
import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The operator's metrics, served as Prometheus text on the admin port at
 * {@value #PATH} (docs/operations.md lists them), and how many tenants may each have their own
 * series.
 */
public final class PrometheusFactory {

  /** Where the admin port serves the metrics. */
  public static final String PATH = "/metrics/prometheus";

  /**
   * The most tenants whose per-tenant gauges (checkpoint age, index lag) carry a {@code tenant}
   * label. Past it each such gauge shows only its {@code _max} series, so that the number of
   * series does not grow with the tenants; 0 never labels by tenant.
   */
  @JsonProperty
  @Min(0)
  @Max(100_000)
  private int tenantLabelsUpTo = 100;

  public int tenantLabelsUpTo() {
    return tenantLabelsUpTo;
  }

  /**
   * A registry of this service's own (with the JVM's metrics), served on the admin port. The
   * subsystems register what they feed as they are built.
   */
  public ServiceMetrics build(Environment environment) {
    PrometheusRegistry registry = new PrometheusRegistry();
    JvmMetrics.builder().register(registry);
    environment.admin().addServlet("prometheus", new PrometheusMetricsServlet(registry)).addMapping(PATH);
    return new ServiceMetrics(registry, tenantLabelsUpTo);
  }
}
