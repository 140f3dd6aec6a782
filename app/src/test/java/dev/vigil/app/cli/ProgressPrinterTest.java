package dev.vigil.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collectors.testing.MutableClock;
import dev.vigil.evidence.follow.Progress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A terminal sees one line rewritten at most twice a second; a log file a line every 10 s; both the end. */
class ProgressPrinterTest {

  static final Instant START = Instant.parse("2026-11-26T12:00:00Z");

  final MutableClock clock = new MutableClock(START);
  final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  ProgressPrinter printer(boolean terminal) {
    return new ProgressPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8), terminal, clock);
  }

  Progress running(long entries) {
    return new Progress("ten_a", Progress.RUNNING, entries, 1000, entries * 3, START, null, null);
  }

  /** Reports {@code running(n)} every 100 ms for {@code seconds}, then done. */
  void rebuild(ProgressPrinter p, int seconds) {
    for (int i = 0; i < seconds * 10; i++) {
      p.accept(running(i));
      clock.advance(Duration.ofMillis(100));
    }
    p.accept(new Progress("ten_a", Progress.DONE, 1000, 1000, 3000, START, clock.instant(), null));
  }

  String out() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void intoAFileALineEveryTenSecondsAndTheLast() {
    rebuild(printer(false), 25);
    String[] lines = out().split("\n");
    // t = 0, 10 and 20 s, then done.
    assertThat(lines).hasSize(4);
    assertThat(lines[0]).startsWith("tenant ten_a: 0 of 1,000 entries (0%)");
    assertThat(lines[3]).contains("1,000 of 1,000 entries (100%)").endsWith("; done");
    assertThat(out()).doesNotContain("\r");
  }

  @Test
  void onATerminalOneLineRewrittenAtMostTwiceASecond() {
    rebuild(printer(true), 3);
    String out = out();
    // t = 0, 0.5, ... 2.5 s: six rewrites, then done on its own line.
    assertThat(out.chars().filter(c -> c == '\r').count()).isEqualTo(7);
    assertThat(out).endsWith("; done\n");
    assertThat(out.chars().filter(c -> c == '\n').count()).isEqualTo(1);
  }

  @Test
  void aFailedRebuildSaysWhyAndTheNextTenantStartsItsOwnLine() {
    ProgressPrinter p = printer(false);
    p.accept(running(0));
    p.accept(new Progress("ten_a", Progress.FAILED, 0, 1000, 0, START, clock.instant(), "java.io.IOException: full"));
    p.accept(new Progress("ten_b", Progress.RUNNING, 0, 5, 0, START, null, null));
    assertThat(out().split("\n")).satisfiesExactly(
        l -> assertThat(l).startsWith("tenant ten_a: 0 of"),
        l -> assertThat(l).endsWith("; FAILED: java.io.IOException: full"),
        l -> assertThat(l).startsWith("tenant ten_b: 0 of 5"));
  }
}
