package dev.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.app.Http.Reply;
import dev.vigil.app.metrics.PromText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Scrapes a server's admin port as Prometheus would: {@code GET /metrics/prometheus}, read by
 * the strict {@link PromText}, and also by {@code promtool check metrics} where promtool is
 * installed (the Debian package {@code prometheus} has it).
 */
final class MetricsScrape {

  private MetricsScrape() {}

  static PromText of(VigilServer server) {
    Reply r = new Http(server.adminPort()).get(null, "/metrics/prometheus");
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(r.contentType()).startsWith("text/plain; version=0.0.4");
    return PromText.parse(r.text());
  }

  /** How much the sum of {@code name}'s samples with {@code labels} grew from {@code before} to {@code after}. */
  static double grew(PromText before, PromText after, String name, Map<String, String> labels) {
    return after.sum(name, labels) - before.sum(name, labels);
  }

  /**
   * What {@code promtool check metrics} says of the server's metrics (its exit code and output), or
   * null when promtool is not installed.
   */
  static String promtool(VigilServer server) throws IOException, InterruptedException {
    Path promtool = Path.of("/usr/bin/promtool");
    if (!Files.isExecutable(promtool)) {
      if (Boolean.getBoolean("vigil.test.promtool.required")) {
        throw new IllegalStateException("promtool is required (CI installs it) but " + promtool + " is missing");
      }
      return null;
    }
    String text = new Http(server.adminPort()).get(null, "/metrics/prometheus").text();
    Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
    p.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("promtool did not finish");
    }
    return p.exitValue() + " " + out;
  }
}
