package dev.vigil.controls.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The verifier reads entries as a stream in batches on several threads: what it finds must not
 * depend on where batches are cut or how many threads read them, and every line it cannot read
 * the fast way is still judged as the general reader judges it.
 */
class BundleStreamingTest {

  /** About 5 MB of entries: several 1 MiB batches. */
  private static final int ENTRIES = 20_000;
  private static SignedBundle bundle;

  @BeforeAll
  static void build() throws Exception {
    bundle = new SignedBundle(501, ENTRIES, 1_000);
  }

  @Test
  void aLineThatIsNotAnEntryIsNamedAndTheNextChainsFromTheLastEntry() throws Exception {
    List<String> lines = new ArrayList<>(bundle.entryLines);
    lines.set(9_999, "{\"seq\":10499,\"not\":\"an entry\"}");

    BundleVerifier.Report r = BundleVerifier.verify(bundle.contents(lines), bundle.publicKey);

    assertThat(r.problems()).extracting(BundleVerifier.Problem::toString).containsExactly(
        "entries.jsonl line 10000: not an audit entry",
        "entry 10501: expected seq 10500 but found 10501 (an entry was deleted, inserted or moved)",
        "entry 10501: recorded hash " + hashOf(lines.get(10_000)) + " does not match computed "
            + AuditChain.nextHash(hashOf(lines.get(9_998)), BundleVerifier.entryLine(lines.get(10_000)).withHash(null))
            + " (the entry or its predecessor was altered)",
        "entries.jsonl: holds 19999 entries ending at seq 20500, but the export covered seq 501 to 20500",
        "checkpoint 10500: entry 10500 is missing from the bundle");
    assertThat(r.entries()).isEqualTo(ENTRIES - 1);
  }

  @Test
  void alteredEntriesAreNamedWhereverBatchesAreCutAndHoweverManyThreadsRead() throws Exception {
    List<String> lines = new ArrayList<>(bundle.entryLines);
    for (int i : new int[] {0, 4_321, 4_322, 12_345, ENTRIES - 1}) {
      lines.set(i, lines.get(i).replace("mail.read", "mail.send"));
    }
    BundleVerifier.Contents contents = bundle.contents(lines);
    ExportNote note = note(contents);

    BundleEntries.Result one = BundleEntries.read(new ByteArrayInputStream(contents.entries()), note, Set.of(), 1);
    BundleEntries.Result three = BundleEntries.read(new ByteArrayInputStream(contents.entries()), note, Set.of(), 3);

    assertThat(one.chain().breaks()).extracting(ChainBreak::seq).containsExactly(501L, 4822L, 4823L, 12846L, 20500L);
    assertThat(three.chain().breaks()).isEqualTo(one.chain().breaks());
    assertThat(three.entries()).isEqualTo(one.entries()).isEqualTo(ENTRIES);
    assertThat(BundleVerifier.verify(contents, bundle.publicKey).problems())
        .extracting(BundleVerifier.Problem::where)
        .containsExactly("entry 501", "entry 4822", "entry 4823", "entry 12846", "entry 20500");
  }

  @Test
  void dataWrittenAnotherWayVerifiesAsTheGeneralReaderWouldHaveIt() throws Exception {
    List<String> lines = new ArrayList<>(bundle.entryLines);
    lines.set(77, lines.get(77).replace("\"n\":77", "\"n\" : 77"));

    BundleVerifier.Report r = BundleVerifier.verify(bundle.contents(lines), bundle.publicKey);

    assertThat(r.problems()).isEmpty();
    assertThat(r.entries()).isEqualTo(ENTRIES);
  }

  @Test
  void theFastPathReadsALineWhereverItSitsInItsBatch() {
    String previous = hashOf(bundle.entryLines.get(41));
    byte[] line = bundle.entryLines.get(42).getBytes(StandardCharsets.UTF_8);
    byte[] padded = new byte[line.length + 300];
    System.arraycopy(line, 0, padded, 123, line.length);
    EntryLines reader = new EntryLines();

    assertThat(reader.matchesAsWritten(padded, 123, 123 + line.length, previous)).isTrue();
    assertThat(reader.matchesAsWritten(padded, 123, 123 + line.length, hashOf(bundle.entryLines.get(40)))).isFalse();
  }

  @Test
  void aLineLongerThanAnyEntryIsNotReadButCountedAndTheRestVerifies() throws Exception {
    List<String> lines = new ArrayList<>(bundle.entryLines);
    lines.add(5, "x".repeat(BundleEntries.MAX_LINE + 10));

    BundleVerifier.Report r = BundleVerifier.verify(bundle.contents(lines), bundle.publicKey);

    assertThat(r.problems()).extracting(BundleVerifier.Problem::toString)
        .containsExactly("entries.jsonl line 6: not an audit entry");
    assertThat(r.entries()).isEqualTo(ENTRIES);
  }

  @Test
  void thousandsOfBadLinesAreCountedNotAllListed() throws Exception {
    List<String> lines = new ArrayList<>(bundle.entryLines);
    for (int i = 0; i < 2_500; i++) lines.add("garbage " + i);

    BundleVerifier.Report r = BundleVerifier.verify(bundle.contents(lines), bundle.publicKey);

    assertThat(r.problems()).hasSize(ChainVerifier.Running.LISTED + 1);
    assertThat(r.problems().get(ChainVerifier.Running.LISTED).toString())
        .isEqualTo("entries.jsonl: 1500 more lines are not audit entries");
  }

  @Test
  void theUntouchedBundleVerifies() throws Exception {
    BundleVerifier.Report r = BundleVerifier.verify(bundle.contents(bundle.entryLines), bundle.publicKey);

    assertThat(r.problems()).isEmpty();
    assertThat(r.entries()).isEqualTo(ENTRIES);
    assertThat(r.checkpoints()).isEqualTo(20);
    assertThat(r.fromSeq()).isEqualTo(501);
    assertThat(r.toSeq()).isEqualTo(20_500);
  }

  private static String hashOf(String line) {
    return line.substring(line.length() - 66, line.length() - 2);
  }

  private static ExportNote note(BundleVerifier.Contents contents) throws Exception {
    String text = new com.fasterxml.jackson.databind.ObjectMapper().readTree(contents.manifest()).get("note").asText();
    return ExportNote.fromBody(SignedNote.parse(text).body());
  }
}
