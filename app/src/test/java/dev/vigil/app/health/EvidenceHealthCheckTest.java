package dev.vigil.app.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheck;
import dev.vigil.evidence.follow.Lag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The evidence-index check names the tenants behind or failing; the gauges show each tenant's lag. */
class EvidenceHealthCheckTest {

  final List<Lag> lags = new ArrayList<>();
  final List<String> failures = new ArrayList<>();
  final EvidenceHealthCheck check = new EvidenceHealthCheck(() -> List.copyOf(lags), () -> List.copyOf(failures),
      Duration.ofSeconds(60));

  @Test
  void aTenantBehindByMoreThanTheAllowedLagIsNamed() {
    lags.add(new Lag("ten_late", 500, 100, 400, 75.4));
    lags.add(new Lag("ten_fine", 50, 40, 10, 2));
    HealthCheck.Result r = check.execute();
    assertThat(r.isHealthy()).isFalse();
    assertThat(r.getMessage()).isEqualTo("behind by more than 60 s: ten_late (400 entries, 75 s)");
  }

  @Test
  void aTenantWhoseIndexingFailsIsNamedWithItsError() {
    lags.add(new Lag("ten_a", 5, 5, 0, 0));
    failures.add("tenant ten_b: java.io.IOException: No space left on device");
    HealthCheck.Result r = check.execute();
    assertThat(r.isHealthy()).isFalse();
    assertThat(r.getMessage()).isEqualTo("indexing failed: tenant ten_b: java.io.IOException: No space left on device");
  }

  @Test
  void manyLateTenantsAreCountedPastTheFirstTwenty() {
    for (int i = 0; i < 25; i++) lags.add(new Lag("ten_" + i, 100, 0, 100, 100 + i));
    String message = check.execute().getMessage();
    assertThat(message).startsWith("behind by more than 60 s: ten_24 (100 entries, 124 s), ten_23")
        .endsWith(" and 5 more");
  }

  @Test
  void healthyWhenEveryTenantKeepsUp() {
    lags.add(new Lag("ten_a", 5, 3, 2, 1.5));
    HealthCheck.Result r = check.execute();
    assertThat(r.isHealthy()).isTrue();
    assertThat(r.getMessage()).contains("1 tenant(s) followed; at most 2 entries waiting");
  }

  @Test
  void eachTenantGetsItsGaugesOnceItAppearsAndTheMaximaFollowTheWorst() {
    MetricRegistry registry = new MetricRegistry();
    try (EvidenceMetrics metrics = new EvidenceMetrics(registry, () -> List.copyOf(lags))) {
      assertThat(registry.getGauges().keySet()).containsExactlyInAnyOrder("evidence.lag.entries.max",
          "evidence.lag.seconds.max");
      lags.add(new Lag("ten_a", 500, 100, 400, 75.5));
      lags.add(new Lag("ten_b", 50, 40, 10, 2));
      metrics.sync();
      assertThat(registry.getGauges().get("evidence.lag.entries.ten_a").getValue()).isEqualTo(400L);
      assertThat(registry.getGauges().get("evidence.lag.seconds.ten_b").getValue()).isEqualTo(2.0);
      assertThat(registry.getGauges().get("evidence.lag.entries.max").getValue()).isEqualTo(400L);
      assertThat(registry.getGauges().get("evidence.lag.seconds.max").getValue()).isEqualTo(75.5);
      lags.set(0, new Lag("ten_a", 500, 500, 0, 0));
      metrics.sync();
      assertThat(registry.getGauges().get("evidence.lag.entries.ten_a").getValue()).isEqualTo(0L);
      assertThat(registry.getGauges().get("evidence.lag.entries.max").getValue()).isEqualTo(10L);
    }
  }
}
