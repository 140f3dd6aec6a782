package dev.vigil.reports.oscal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.reports.period.Period;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Name-based UUIDs: version 5 as RFC 4122 defines it, one per report, period and role. */
class StableUuidTest {

  static final Period MARCH = new Period(Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"));

  @Test
  void version5MatchesTheRfcAlgorithm() {
    // The DNS namespace and "python.org", as Python's uuid.uuid5 and other implementations give it.
    UUID dns = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

    assertThat(StableUuid.v5(dns, "python.org")).hasToString("886313e1-3b8a-5372-9b90-0c9aee199e5d");
  }

  @Test
  void theSameReportPeriodAndRoleGiveTheSameUuidAndAnyChangeAnother() {
    String uuid = new StableUuid("rep_1", MARCH).of("finding/AC-1");

    assertThat(new StableUuid("rep_1", MARCH).of("finding/AC-1")).isEqualTo(uuid);
    assertThat(new StableUuid("rep_2", MARCH).of("finding/AC-1")).isNotEqualTo(uuid);
    assertThat(new StableUuid("rep_1", new Period(MARCH.from(), Instant.parse("2026-03-31T00:00:00Z")))
        .of("finding/AC-1")).isNotEqualTo(uuid);
    assertThat(new StableUuid("rep_1", MARCH).of("finding/AC-2")).isNotEqualTo(uuid);
    assertThat(UUID.fromString(uuid).version()).isEqualTo(5);
  }
}
