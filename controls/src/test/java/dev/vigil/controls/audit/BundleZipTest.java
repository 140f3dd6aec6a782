package dev.vigil.controls.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class BundleZipTest {

  @Test
  void aFileInTheZipTwiceIsAProblemNotTheLastOneWins() throws IOException {
    byte[] zip = zip("manifest.json", "m", "public-key.json", "k", "entries.jsonl", "first",
        "checkpoints.jsonl", "c", "entries.jsonl", "second");

    BundleZip.Read read = BundleZip.read(new ByteArrayInputStream(zip));

    assertThat(read.problems()).extracting(BundleVerifier.Problem::toString)
        .containsExactly("entries.jsonl: appears more than once in the zip");
  }

  @Test
  void aMemberThatIsNotABundleFileIsAProblem() throws IOException {
    byte[] zip = zip("manifest.json", "m", "public-key.json", "k", "entries.jsonl", "e", "checkpoints.jsonl", "c",
        "notes/readme.txt", "x", "../entries.jsonl", "y");

    BundleZip.Read read = BundleZip.read(new ByteArrayInputStream(zip));

    assertThat(read.problems()).extracting(BundleVerifier.Problem::where)
        .containsExactly("notes/readme.txt", "../entries.jsonl");
  }

  @Test
  void theFourFilesAreReadAsTheyAre() throws IOException {
    byte[] zip = zip("checkpoints.jsonl", "c", "entries.jsonl", "e", "public-key.json", "k", "manifest.json", "m");

    BundleZip.Read read = BundleZip.read(new ByteArrayInputStream(zip));

    assertThat(read.problems()).isEmpty();
    assertThat(new String(read.contents().manifest(), StandardCharsets.UTF_8)).isEqualTo("m");
    assertThat(new String(read.contents().publicKey(), StandardCharsets.UTF_8)).isEqualTo("k");
    assertThat(new String(read.contents().entries(), StandardCharsets.UTF_8)).isEqualTo("e");
    assertThat(new String(read.contents().checkpoints(), StandardCharsets.UTF_8)).isEqualTo("c");
  }

  /**
   * A zip of name, content pairs, in order. ZipOutputStream refuses a repeated name, so a repeat
   * is written under a placeholder of the same length ("#" for its last character) and renamed
   * in the bytes afterwards, in its local header and in the central directory.
   */
  private static byte[] zip(String... namesAndContents) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Set<String> seen = new HashSet<>();
    Map<String, String> placeholders = new LinkedHashMap<>();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (int i = 0; i < namesAndContents.length; i += 2) {
        String name = namesAndContents[i];
        if (!seen.add(name)) {
          String placeholder = name.substring(0, name.length() - 1) + "#";
          placeholders.put(placeholder, name);
          name = placeholder;
        }
        zip.putNextEntry(new ZipEntry(name));
        zip.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    String bytes = out.toString(StandardCharsets.ISO_8859_1);
    for (Map.Entry<String, String> p : placeholders.entrySet()) bytes = bytes.replace(p.getKey(), p.getValue());
    return bytes.getBytes(StandardCharsets.ISO_8859_1);
  }
}
