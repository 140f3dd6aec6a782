package dev.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.controls.audit.BundleVerifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Random tampering with an exported bundle: every trial must be caught, and say where. */
final class TamperTrials {

  enum Kind {
    ALTER_ENTRY, DELETE_ENTRY, INSERT_ENTRY, REORDER_ENTRIES, REWRITE_HISTORY,
    ALTER_CHECKPOINT, DROP_CHECKPOINT, CUT_TAIL, ALTER_EXPORT_NOTE, CHECKPOINT_TIME, SIGNATURE_LINE_ADDED
  }

  private TamperTrials() {}

  static void requireEveryTamperingCaught(BundleContents original, byte[] key, int trials, long seed) throws Exception {
    assertThat(BundleVerifier.verify(original.contents(), key).ok()).isTrue();
    Random random = new Random(seed);
    Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
    for (int t = 0; t < trials; t++) {
      Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
      BundleContents tampered = tamper(original, kind, random);
      BundleVerifier.Report report = BundleVerifier.verify(tampered.contents(), key);
      assertThat(report.ok()).as("trial %d (%s) went unnoticed", t, kind).isFalse();
      assertThat(report.problems()).as("trial %d (%s) must name what broke", t, kind)
          .anyMatch(p -> located(kind, p));
      counts.merge(kind, 1, Integer::sum);
    }
    assertThat(counts).hasSize(Kind.values().length);
  }

  /** Each kind of tampering must be named at the level that catches it, not only by a file hash. */
  private static boolean located(Kind kind, BundleVerifier.Problem p) {
    return switch (kind) {
      case ALTER_ENTRY, DELETE_ENTRY, INSERT_ENTRY, REORDER_ENTRIES -> p.where().startsWith("entry ");
      case REWRITE_HISTORY -> p.where().startsWith("checkpoint ");
      case CUT_TAIL -> p.reason().contains("but the export covered");
      // A flipped base64 padding bit can leave the signed bytes unchanged: then only the
      // signed hash of checkpoints.jsonl shows the edit, which is still a catch.
      case ALTER_CHECKPOINT -> p.where().startsWith("checkpoint");
      case DROP_CHECKPOINT -> p.where().equals("checkpoints.jsonl");
      case ALTER_EXPORT_NOTE, SIGNATURE_LINE_ADDED -> p.where().equals("manifest");
      case CHECKPOINT_TIME -> p.where().startsWith("checkpoint ") && p.reason().contains("issuedAt");
    };
  }

  static BundleContents tamper(BundleContents b, Kind kind, Random random) throws Exception {
    List<String> entries = b.lines("entries.jsonl");
    List<String> checkpoints = b.lines("checkpoints.jsonl");
    int n = entries.size();
    switch (kind) {
      case ALTER_ENTRY -> {
        long seq = dev.vigil.controls.audit.BundleVerifier.entry(Http.JSON.readTree(entries.get(random.nextInt(n)))).seq();
        return b.withEntryAltered(seq);
      }
      case DELETE_ENTRY -> {
        List<String> copy = new ArrayList<>(entries);
        copy.remove(random.nextInt(n - 1));
        return b.withLines("entries.jsonl", copy);
      }
      case INSERT_ENTRY -> {
        List<String> copy = new ArrayList<>(entries);
        int from = random.nextInt(n);
        copy.add(random.nextInt(n), entries.get(from));
        return b.withLines("entries.jsonl", copy);
      }
      case REORDER_ENTRIES -> {
        List<String> copy = new ArrayList<>(entries);
        int i = random.nextInt(n - 1);
        Collections.swap(copy, i, i + 1);
        return b.withLines("entries.jsonl", copy);
      }
      case REWRITE_HISTORY -> {
        return b.withHistoryRewritten(random.nextInt(n));
      }
      case ALTER_CHECKPOINT -> {
        List<String> copy = new ArrayList<>(checkpoints);
        int i = random.nextInt(copy.size());
        byte[] line = copy.get(i).getBytes(StandardCharsets.UTF_8);
        int noteStart = copy.get(i).indexOf("\"note\":\"") + 8;
        int at = noteStart + random.nextInt(line.length - noteStart - 4);
        copy.set(i, new String(BundleContents.flip(line, at), StandardCharsets.UTF_8));
        return b.withLines("checkpoints.jsonl", copy);
      }
      case DROP_CHECKPOINT -> {
        List<String> copy = new ArrayList<>(checkpoints);
        copy.remove(random.nextInt(copy.size()));
        return b.withLines("checkpoints.jsonl", copy);
      }
      case CUT_TAIL -> {
        return b.withLines("entries.jsonl", entries.subList(0, n - 1 - random.nextInt(Math.min(5, n - 1))));
      }
      case ALTER_EXPORT_NOTE -> {
        byte[] manifest = b.files().get("manifest.json");
        String text = new String(manifest, StandardCharsets.UTF_8);
        int noteStart = text.indexOf("\"note\"") + 10;
        int noteEnd = text.lastIndexOf('"');
        return b.withFile("manifest.json", BundleContents.flip(manifest, noteStart + random.nextInt(noteEnd - noteStart)));
      }
      case CHECKPOINT_TIME -> {
        List<String> copy = new ArrayList<>(checkpoints);
        int i = random.nextInt(copy.size());
        var line = (com.fasterxml.jackson.databind.node.ObjectNode) Http.JSON.readTree(copy.get(i));
        line.put("issuedAt", "2001-01-01T00:00:00.000Z");
        copy.set(i, Http.JSON.writeValueAsString(line));
        return b.withLines("checkpoints.jsonl", copy);
      }
      case SIGNATURE_LINE_ADDED -> {
        // A second line on the export note: another key's, or a failing one of ours before the
        // valid one. Either way the note is no longer what Vigil signed.
        var manifest = (com.fasterxml.jackson.databind.node.ObjectNode) Http.JSON.readTree(b.files().get("manifest.json"));
        String note = manifest.get("note").asText();
        int split = note.lastIndexOf("\n\n") + 2;
        String valid = note.substring(split);
        String forged = "\u2014 vigil-audit " + java.util.Base64.getEncoder().encodeToString(new byte[68]) + "\n";
        String other = "\u2014 witness " + java.util.Base64.getEncoder().encodeToString(new byte[68]) + "\n";
        manifest.put("note", note.substring(0, split) + (random.nextBoolean() ? forged + valid : valid + other));
        return b.withFile("manifest.json", Http.JSON.writeValueAsBytes(manifest));
      }
      default -> throw new IllegalArgumentException(kind.toString());
    }
  }
}
