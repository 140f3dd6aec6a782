package dev.vigil.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.collectors.alerts.Outbox;
import dev.vigil.collectors.audit.Signing;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The strict reader that the API tests scrape with, and what the service's metrics look like in
 * the text that the exporter writes: the per-tenant gauges' bound, and each group's series.
 */
class MetricsTextTest {

  private static final String COUNTER = "# HELP c_total A count\n# TYPE c_total counter\n";

  @Test
  void theReaderRefusesWhatAScraperWouldRefuse() {
    List<String> bad = List.of(
        COUNTER + "c_total 1",                                     // the last line not ended
        COUNTER + "d_total 1\n",                                   // a family never declared
        COUNTER + "c_total{a=\"x\"} 1\nc_total{a=\"x\"} 2\n",        // a series twice
        COUNTER + "c_total{a=\"x\\t\"} 1\n",                        // an escape the format lacks
        COUNTER + "c_total{a=\"x} 1\n",                             // an unterminated label value
        COUNTER + "c_total{1a=\"x\"} 1\n",                          // a bad label name
        COUNTER + "c_total one\n",                                  // a bad value
        COUNTER + "# TYPE g gauge\ng 1\nc_total 2\n",               // a family split in two
        COUNTER + COUNTER,                                          // declared twice
        "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_count 1\nh_sum 1\n",
        "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_count 3\nh_sum 1\n",
        "# TYPE h histogram\nh_bucket 1\nh_count 1\nh_sum 1\n");
    for (String text : bad) {
      assertThatThrownBy(() -> PromText.parse(text)).as(text).isInstanceOf(IllegalArgumentException.class);
    }
    PromText good = PromText.parse(COUNTER + "c_total{a=\"q\\\"\\\\\\n\"} 1.5e3 1700000000000\n");
    assertThat(good.value("c_total", Map.of("a", "q\"\\\n"))).isEqualTo(1500);
    assertThat(good.family("c_total").help()).isEqualTo("A count");
  }

  @Test
  void perTenantGaugesCollapseToTheirMaximumPastTheBound() throws IOException {
    Instant now = Instant.parse("2026-03-01T12:00:00Z");
    List<Signing> three = List.of(new Signing("t1", 10, 10, null),
        new Signing("t2", 12, 5, now.minusSeconds(90)), new Signing("t3", 0, 0, null));
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);

    PromText bounded = scrape(metrics -> metrics.checkpoints(() -> three, clock), 3);
    assertThat(bounded.value("vigil_checkpoint_age_seconds", Map.of("tenant", "t2"))).isEqualTo(90);
    assertThat(bounded.value("vigil_checkpoint_age_seconds", Map.of("tenant", "t1"))).isZero();
    assertThat(bounded.value("vigil_checkpoint_unsigned_entries", Map.of("tenant", "t2"))).isEqualTo(7);
    assertThat(bounded.value("vigil_checkpoint_age_seconds_max", Map.of())).isEqualTo(90);

    PromText collapsed = scrape(metrics -> metrics.checkpoints(() -> three, clock), 2);
    assertThat(collapsed.families()).doesNotContainKeys("vigil_checkpoint_age_seconds",
        "vigil_checkpoint_unsigned_entries");
    assertThat(collapsed.family("vigil_checkpoint_age_seconds_max").samples()).singleElement()
        .satisfies(s -> assertThat(s.labels()).isEmpty());
    assertThat(collapsed.value("vigil_checkpoint_age_seconds_max", Map.of())).isEqualTo(90);
    assertThat(collapsed.value("vigil_checkpoint_unsigned_entries_max", Map.of())).isEqualTo(7);
  }

  @Test
  void aReadingThatFailsLeavesItsGaugesOutAndTheRestOfTheScrapeStands() throws IOException {
    PromText text = scrape(metrics -> {
      metrics.evidenceLag(() -> {
        throw new IllegalStateException("the database is gone");
      });
      metrics.controls().catalog(List.of("AC-1"), () -> {
        throw new IllegalStateException("the database is gone");
      });
      metrics.dataPlane().decided(true);
    }, 100);
    assertThat(text.families()).doesNotContainKeys("vigil_evidence_index_lag_entries_max", "vigil_findings_open");
    assertThat(text.value("vigil_decisions_total", Map.of("decision", "allow"))).isEqualTo(1);
  }

  @Test
  void eachGroupWritesItsSeriesFromWhatItWasTold() throws IOException {
    PromText text = scrape(metrics -> {
      metrics.http().observe("GET", "/api/v1/agents/{id}", 404, 3_000_000);
      metrics.http().observe("GET", null, 404, 1_000_000);
      metrics.dataPlane().ingested(40);
      metrics.dataPlane().decided(false);
      metrics.audit().group(41, 2_000_000, true);
      metrics.deliveries().settled("checkpoint", Outbox.Settled.RETRYING);
      metrics.controls().catalog(List.of("AC-1", "AC-2"), () -> Map.of("AC-2", 3L));
    }, 100);
    assertThat(text.value("vigil_http_request_duration_seconds_count",
        Map.of("method", "GET", "route", "/api/v1/agents/{id}", "status", "4xx"))).isEqualTo(1);
    assertThat(text.value("vigil_http_request_duration_seconds_count",
        Map.of("route", HttpMetrics.UNMATCHED))).isEqualTo(1);
    assertThat(text.value("vigil_ingest_events_total", Map.of())).isEqualTo(40);
    assertThat(text.value("vigil_ingest_batches_total", Map.of())).isEqualTo(1);
    assertThat(text.value("vigil_decisions_total", Map.of("decision", "deny"))).isEqualTo(1);
    assertThat(text.value("vigil_decisions_total", Map.of("decision", "allow"))).isZero();
    assertThat(text.value("vigil_audit_group_entries_sum", Map.of())).isEqualTo(41);
    assertThat(text.value("vigil_audit_commit_duration_seconds_count", Map.of("outcome", "committed"))).isEqualTo(1);
    assertThat(text.value("vigil_delivery_outcomes_total", Map.of("kind", "checkpoint", "outcome", "retrying")))
        .isEqualTo(1);
    assertThat(text.value("vigil_delivery_outcomes_total", Map.of("kind", "alert", "outcome", "failed"))).isZero();
    assertThat(text.value("vigil_findings_open", Map.of("control", "AC-2"))).isEqualTo(3);
    assertThat(text.value("vigil_findings_open", Map.of("control", "AC-1"))).isZero();
    assertThat(text.value("vigil_control_runs_total", Map.of("control", "AC-1", "result", "error"))).isZero();
    assertThat(text.value("vigil_scheduler_misfires_total", Map.of("family", "logging"))).isZero();
  }

  @Test
  void theOperationsDocListsEveryMetricAndNoOther() throws IOException {
    Instant now = Instant.parse("2026-03-01T12:00:00Z");
    PromText text = scrape(metrics -> {
      metrics.checkpoints(() -> List.of(new Signing("t1", 1, 0, now)), Clock.fixed(now, ZoneOffset.UTC));
      metrics.evidenceLag(() -> List.of(new dev.vigil.evidence.follow.Lag("t1", 1, 0, 1, 0.5)));
      metrics.controls().catalog(List.of("AC-1"), Map::of);
      metrics.http().observe("GET", "/api/v1/agents", 200, 1);
    }, 100);
    Set<String> served = new TreeSet<>(text.families().keySet());
    served.removeIf(name -> !name.startsWith("vigil_"));
    String doc = Files.readString(Path.of("..", "docs", "operations.md"));
    Set<String> documented = new TreeSet<>();
    Matcher m = Pattern.compile("(?m)^\\| `(vigil_[a-z_]+)`").matcher(doc);
    while (m.find()) documented.add(m.group(1));
    assertThat(documented).isEqualTo(served);
  }

  interface Feed {
    void into(ServiceMetrics metrics);
  }

  /** A fresh service's metrics, fed by {@code feed}, as the exporter writes them, read back strictly. */
  private static PromText scrape(Feed feed, int tenantLabelsUpTo) throws IOException {
    PrometheusRegistry registry = new PrometheusRegistry();
    feed.into(new ServiceMetrics(registry, tenantLabelsUpTo));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, registry.scrape(), EscapingScheme.ALLOW_UTF8);
    return PromText.parse(out.toString(StandardCharsets.UTF_8));
  }
}
