package dev.vigil.controls.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Shared fixtures of the catalog tests: the run's instant, snapshots, and lookups. */
final class Given {

  static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  static final Duration MS = Duration.ofMillis(1);

  private Given() {}

  static Snapshot.Builder snapshot() {
    return Snapshot.builder("ten_1", Instant.parse("2025-01-01T00:00:00Z"));
  }

  static Control control(String id) {
    return control(id, ControlParameters.defaults());
  }

  static Control control(String id, ControlParameters p) {
    return new Catalog(p).find(id).orElseThrow();
  }

  static Instant daysAgo(long days) {
    return NOW.minus(Duration.ofDays(days));
  }

  static Instant hoursAgo(long hours) {
    return NOW.minus(Duration.ofHours(hours));
  }

  static Instant minutesAgo(long minutes) {
    return NOW.minus(Duration.ofMinutes(minutes));
  }

  static Evaluation run(String id, Snapshot.Builder snapshot) {
    return control(id).evaluate(snapshot.build(), NOW);
  }

  /** Whether {@code e} makes control {@code id} not applicable rather than passing. */
  static boolean notApplicable(String id, Evaluation e) {
    return control(id).info().notApplicable(e);
  }

  static List<String> subjects(Evaluation e) {
    return e.exceptions().stream().map(Deviation::subjectId).toList();
  }

  /** The detail of the only deviation, which must name {@code subject}. */
  static String onlyDetail(Evaluation e, String subject) {
    assertThat(subjects(e)).containsExactly(subject);
    return e.exceptions().get(0).detail();
  }
}
