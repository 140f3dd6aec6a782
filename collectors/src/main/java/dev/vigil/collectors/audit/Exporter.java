package dev.vigil.collectors.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collectors.io.HandOffStream;
import dev.vigil.controls.audit.AuditChain;
import dev.vigil.controls.audit.AuditEntry;
import dev.vigil.controls.audit.AuditJson;
import dev.vigil.controls.audit.Checkpoint;
import dev.vigil.controls.audit.ExportNote;
import dev.vigil.controls.audit.Sha256;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.Consumer;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes an audit export bundle (docs/audit-format.md): the entries committed in a time window
 * (a contiguous seq range), the checkpoints inside that range including one at its last entry
 * (signed on demand), the public key, and a manifest whose signed note fixes the range, the
 * hash it chains from and the SHA-256 of both data files. Streams page by page. Thread-safe.
 */
public final class Exporter {

  public static final String FORMAT = "vigil-audit-bundle/1";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AuditLog log;
  private final CheckpointStore checkpoints;
  private final Clock clock;

  public Exporter(AuditLog log, CheckpointStore checkpoints, Clock clock) {
    this.log = log;
    this.checkpoints = checkpoints;
    this.clock = clock;
  }

  /** Writes the bundle for entries committed in {@code [from, to)} to {@code out} as a zip. */
  public void export(String tenantId, Instant from, Instant to, OutputStream out) throws IOException {
    export(tenantId, log.range(tenantId, from, to), out, e -> { });
  }

  /**
   * Writes the bundle of entries {@code range.first()..range.last()} (a {@link AuditLog#range}),
   * handing {@code tap} each entry as it is written, in seq order, so that a caller that also
   * needs the entries (a report verifies and counts them) reads them once. An exception from
   * {@code tap} stops the export before any checkpoint is signed for it.
   */
  public void export(String tenantId, AuditLog.Range range, OutputStream out, Consumer<AuditLog.StoredEntry> tap)
      throws IOException {
    long first = range.first();
    long last = range.last();
    String previous = log.hashBefore(tenantId, first);
    CheckpointSigner signer = checkpoints.signer();
    // Every member is dated at the export time from the clock, so that an export made with a
    // fixed clock (an evidence package's) is the same bytes each time.
    Instant now = clock.instant();
    try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
      // Deflate's fastest level: an export can hold millions of entries, and the default level
      // costs several times the time for a bundle only somewhat smaller (docs/benchmarks.md).
      zip.setLevel(Deflater.BEST_SPEED);
      zip.putNextEntry(entry("entries.jsonl", now));
      MessageDigest entriesSha = Sha256.digest();
      // Hashing and deflating the lines on a thread of their own while the entries are read and written.
      OutputStream entriesOut = new HandOffStream(new DigestOutputStream(nonClosing(zip), entriesSha),
          "export " + tenantId);
      try (JsonGenerator lines = JSON.getFactory().createGenerator(entriesOut)) {
        lines.setRootValueSeparator(null);
        if (first <= last) {
          log.forEachStored(tenantId, first - 1, last, e -> {
            writeLine(lines, e);
            tap.accept(e);
          });
        }
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      zip.closeEntry();
      // The last entry (or, for an empty window, the entry the window follows) gets a checkpoint,
      // signed once the entries were read (and a tap that checks them did not object).
      if (last >= 1) checkpoints.ensureAt(tenantId, last);

      zip.putNextEntry(entry("checkpoints.jsonl", now));
      MessageDigest checkpointsSha = Sha256.digest();
      DigestOutputStream checkpointsOut = new DigestOutputStream(nonClosing(zip), checkpointsSha);
      if (last >= 1) {
        for (Checkpoint cp : checkpoints.bySize(tenantId, Math.min(first, last), last)) {
          ObjectNode line = JSON.createObjectNode().put("size", cp.size()).put("headHash", cp.headHash())
              .put("issuedAt", AuditChain.formatTime(cp.issuedAt())).put("note", cp.note());
          checkpointsOut.write(JSON.writeValueAsBytes(line));
          checkpointsOut.write('\n');
        }
      }
      zip.closeEntry();

      ExportNote note = new ExportNote(tenantId, first, last, previous,
          HexFormat.of().formatHex(entriesSha.digest()), HexFormat.of().formatHex(checkpointsSha.digest()), now);
      ObjectNode manifest = JSON.createObjectNode().put("format", FORMAT).put("tenantId", tenantId)
          .put("fromSeq", first).put("toSeq", last).put("previousHash", previous)
          .put("exportedAt", AuditChain.formatTime(now)).put("note", signer.signNote(note.body()));
      write(zip, entry("manifest.json", now), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
      ObjectNode key = JSON.createObjectNode().put("algorithm", "Ed25519")
          .put("publicKey", Base64.getEncoder().encodeToString(signer.publicKey()))
          .put("keyName", Checkpoint.KEY_NAME).put("keyId", signer.keyId());
      write(zip, entry("public-key.json", now), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(key));
    }
  }

  /**
   * One line of {@code entries.jsonl}: the entry's served form ({@link AuditJson#toJson}), its
   * {@code data} copied as the stored canonical text that was hashed rather than parsed and
   * written again (which took most of an export's time).
   */
  private static void writeLine(JsonGenerator out, AuditLog.StoredEntry stored) {
    AuditEntry e = stored.meta();
    try {
      out.writeStartObject();
      out.writeNumberField("seq", e.seq());
      out.writeStringField("tenantId", e.tenantId());
      out.writeStringField("time", AuditChain.formatTime(e.time()));
      out.writeObjectFieldStart("actor");
      out.writeStringField("type", e.actor().type());
      out.writeStringField("id", e.actor().id());
      out.writeEndObject();
      out.writeStringField("kind", e.kind());
      out.writeStringField("subject", e.subject());
      out.writeFieldName("data");
      out.writeRawValue(stored.data());
      out.writeStringField("hash", e.hash());
      out.writeEndObject();
      out.writeRaw('\n');
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
  }

  private static ZipEntry entry(String name, Instant time) {
    ZipEntry e = new ZipEntry(name);
    // In UTC, so that the bytes do not depend on the machine's time zone.
    e.setTimeLocal(LocalDateTime.ofInstant(time, ZoneOffset.UTC));
    return e;
  }

  private static void write(ZipOutputStream zip, ZipEntry entry, byte[] bytes) throws IOException {
    zip.putNextEntry(entry);
    zip.write(bytes);
    zip.closeEntry();
  }

  private static OutputStream nonClosing(OutputStream out) {
    return new java.io.FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() {
        // the zip stream is closed by its owner
      }
    };
  }

}
