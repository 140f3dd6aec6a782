package dev.vigil.controls.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** An entry's time is hashed as text, so its format must never change: the fast path writes what the pattern does. */
class EntryTimeTest {

  private static final DateTimeFormatter PATTERN =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  @Test
  void everyTimeIsWrittenAsThePatternWritesIt() {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 200_000; i++) {
      Instant t = Instant.ofEpochSecond(random.nextLong(-100_000_000_000L, 300_000_000_000L), random.nextInt(1_000_000_000));
      assertThat(AuditChain.formatTime(t)).as("%s", t).isEqualTo(PATTERN.format(t));
    }
  }

  @Test
  void theEdgesOfTheFastPathAreWrittenAsThePatternWritesThem() {
    for (String s : new String[] {"1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999Z", "2026-12-02T23:59:59.999500Z",
        "2024-02-29T12:00:00.001Z", "9999-12-31T23:59:59.999999999Z", "+10000-01-01T00:00:00Z", "0001-01-01T00:00:00Z"}) {
      Instant t = Instant.parse(s);
      assertThat(AuditChain.formatTime(t)).as(s).isEqualTo(PATTERN.format(t));
    }
    assertThat(AuditChain.formatTime(Instant.parse("2026-03-05T07:08:09.012345Z"))).isEqualTo("2026-03-05T07:08:09.012Z");
  }
}
