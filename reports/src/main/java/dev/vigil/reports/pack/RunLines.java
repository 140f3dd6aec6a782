package dev.vigil.reports.pack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.vigil.collectors.monitoring.ControlRun;
import java.io.IOException;
import java.io.OutputStream;

/**
 * One line of {@code runs.jsonl}: {@code {"run": <the run as the API shows it>, "evidence":
 * <its evidence record as stored>}}. The record is kept as a string, byte for byte the canonical
 * JSON that was hashed, so that its SHA-256 is the run's {@code evidenceSha256} and can be found
 * in the run's {@code control.run} entry of the audit bundle. Thread-safe.
 */
final class RunLines {

  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private RunLines() {}

  static void write(ControlRun run, String evidence, OutputStream out) throws IOException {
    ObjectNode line = JSON.createObjectNode();
    line.set("run", JSON.valueToTree(run));
    line.put("evidence", evidence);
    out.write(JSON.writeValueAsBytes(line));
    out.write('\n');
  }
}
