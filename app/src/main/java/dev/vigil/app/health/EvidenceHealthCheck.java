package dev.vigil.app.health;

import com.codahale.metrics.health.HealthCheck;
import dev.vigil.evidence.follow.Lag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * The evidence index keeps up: no tenant's oldest unindexed entry is older than the allowed
 * lag, and no tenant's indexing is failing. Unhealthy names each tenant that is behind or
 * failing, so that the operator knows which to look at (and can rebuild).
 */
public final class EvidenceHealthCheck extends HealthCheck {

  /** Tenants named in one answer; the rest are counted. */
  static final int NAMED = 20;

  private final Supplier<List<Lag>> lags;
  private final Supplier<List<String>> failures;
  private final Duration maxLag;

  /**
   * @param lags every tenant's lag (the follower's {@code lags()})
   * @param failures the tenants whose indexing is failing, each with its error
   */
  public EvidenceHealthCheck(Supplier<List<Lag>> lags, Supplier<List<String>> failures, Duration maxLag) {
    this.lags = lags;
    this.failures = failures;
    this.maxLag = maxLag;
  }

  @Override
  protected Result check() {
    List<Lag> all = lags.get();
    List<Lag> late = all.stream().filter(l -> l.seconds() > maxLag.toSeconds())
        .sorted(Comparator.comparingDouble(Lag::seconds).reversed()).toList();
    List<String> failing = failures.get();
    if (late.isEmpty() && failing.isEmpty()) {
      long worst = all.stream().mapToLong(Lag::entries).max().orElse(0);
      return Result.healthy(all.size() + " tenant(s) followed; at most " + worst + " entries waiting, none older than "
          + maxLag.toSeconds() + " s");
    }
    List<String> problems = new ArrayList<>();
    if (!late.isEmpty()) {
      problems.add("behind by more than " + maxLag.toSeconds() + " s: " + named(late.stream()
          .map(l -> l.tenantId() + " (" + l.entries() + " entries, " + Math.round(l.seconds()) + " s)").toList()));
    }
    if (!failing.isEmpty()) problems.add("indexing failed: " + named(failing));
    return Result.unhealthy(String.join("; ", problems));
  }

  private static String named(List<String> items) {
    String shown = String.join(", ", items.subList(0, Math.min(NAMED, items.size())));
    return items.size() > NAMED ? shown + " and " + (items.size() - NAMED) + " more" : shown;
  }
}
