package dev.vigil.reports.pack;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.vigil.collectors.monitoring.ControlRun;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The lines of a control's {@code runs.jsonl}, one a run: {@code {"run": <the run as the API shows it>, "evidence":
 * <its evidence record as stored>}}. The record is kept as a string, byte for byte the canonical
 * JSON that was hashed, so that its SHA-256 is the run's {@code evidenceSha256} and can be found
 * in the run's {@code control.run} entry of the audit bundle. Not thread-safe.
 */
final class RunLines implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

  private final JsonGenerator out;

  /** Lines written to {@code out}, which closing this flushes and leaves open. */
  RunLines(OutputStream out) throws IOException {
    this.out = JSON.getFactory().createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    this.out.setRootValueSeparator(null);
  }

  /** Streamed straight to the output: building each line as a tree first took a fifth of a year's report. */
  void write(ControlRun run, String evidence) throws IOException {
    out.writeStartObject();
    out.writeFieldName("run");
    JSON.writeValue(out, run);
    out.writeStringField("evidence", evidence);
    out.writeEndObject();
    out.writeRaw('\n');
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
