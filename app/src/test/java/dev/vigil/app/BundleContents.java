package dev.vigil.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.controls.audit.AuditChain;
import dev.vigil.controls.audit.AuditJson;
import dev.vigil.controls.audit.BundleVerifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** An export bundle held in memory, to tamper with in tests. Immutable: each change returns a copy. */
record BundleContents(Map<String, byte[]> files) {

  static BundleContents read(Path zip) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) files.put(e.getName(), in.readAllBytes());
    }
    return new BundleContents(files);
  }

  void write(Path zip) throws IOException {
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (var f : files.entrySet()) {
        out.putNextEntry(new ZipEntry(f.getKey()));
        out.write(f.getValue());
        out.closeEntry();
      }
    }
  }

  BundleVerifier.Contents contents() {
    return new BundleVerifier.Contents(files.get("manifest.json"), files.get("public-key.json"),
        files.get("entries.jsonl"), files.get("checkpoints.jsonl"));
  }

  List<String> lines(String file) {
    List<String> out = new ArrayList<>();
    for (String l : new String(files.get(file), StandardCharsets.UTF_8).split("\n")) if (!l.isEmpty()) out.add(l);
    return out;
  }

  BundleContents withLines(String file, List<String> lines) {
    Map<String, byte[]> copy = new LinkedHashMap<>(files);
    StringBuilder text = new StringBuilder();
    for (String l : lines) text.append(l).append('\n');
    copy.put(file, text.toString().getBytes(StandardCharsets.UTF_8));
    return new BundleContents(copy);
  }

  BundleContents withFile(String file, byte[] bytes) {
    Map<String, byte[]> copy = new LinkedHashMap<>(files);
    copy.put(file, bytes);
    return new BundleContents(copy);
  }

  /** Entry {@code seq}'s data altered, its recorded hash left as it was. */
  BundleContents withEntryAltered(long seq) throws IOException {
    List<String> lines = lines("entries.jsonl");
    for (int i = 0; i < lines.size(); i++) {
      ObjectNode e = (ObjectNode) Http.JSON.readTree(lines.get(i));
      if (e.get("seq").asLong() == seq) {
        ((ObjectNode) e.get("data")).put("tampered", true);
        lines.set(i, Http.JSON.writeValueAsString(e));
      }
    }
    return withLines("entries.jsonl", lines);
  }

  /** Entry at {@code index} altered and every later hash recomputed, as a forger with no key would. */
  BundleContents withHistoryRewritten(int index) throws IOException {
    List<String> lines = lines("entries.jsonl");
    String previous = index == 0
        ? Http.JSON.readTree(files.get("manifest.json")).get("previousHash").asText()
        : Http.JSON.readTree(lines.get(index - 1)).get("hash").asText();
    for (int i = index; i < lines.size(); i++) {
      var entry = BundleVerifier.entry(Http.JSON.readTree(lines.get(i)));
      if (i == index) ((ObjectNode) entry.data()).put("rewritten", true);
      String hash = AuditChain.nextHash(previous, entry);
      lines.set(i, Http.JSON.writeValueAsString(AuditJson.toJson(entry.withHash(hash))));
      previous = hash;
    }
    return withLines("entries.jsonl", lines);
  }

  static byte[] flip(byte[] bytes, int at) {
    byte[] copy = Arrays.copyOf(bytes, bytes.length);
    copy[at] = (byte) (copy[at] == 'A' ? 'B' : 'A');
    return copy;
  }
}
