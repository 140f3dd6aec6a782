package dev.vigil.controls.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleZipTest {

  @TempDir
  Path dir;
  private int count;

  @Test
  void aFileInTheZipTwiceIsAProblemNotTheLastOneWins() throws IOException {
    byte[] zip = zip("manifest.json", "m", "public-key.json", "k", "entries.jsonl", "first",
        "checkpoints.jsonl", "c", "entries.jsonl", "second");

    BundleZip.Opened opened = BundleZip.open(file(zip));

    assertThat(opened.problems()).extracting(BundleVerifier.Problem::toString)
        .containsExactly("entries.jsonl: appears more than once in the zip");
    assertThat(opened.bundle()).isNull();
  }

  @Test
  void aMemberThatIsNotABundleFileIsAProblem() throws IOException {
    byte[] zip = zip("manifest.json", "m", "public-key.json", "k", "entries.jsonl", "e", "checkpoints.jsonl", "c",
        "notes/readme.txt", "x", "../entries.jsonl", "y");

    BundleZip.Opened opened = BundleZip.open(file(zip));

    assertThat(opened.problems()).extracting(BundleVerifier.Problem::where)
        .containsExactly("notes/readme.txt", "../entries.jsonl");
  }

  @Test
  void theFourFilesAreReadAsTheyAre() throws IOException {
    byte[] zip = zip("checkpoints.jsonl", "c", "entries.jsonl", "e", "public-key.json", "k", "manifest.json", "m");

    BundleZip.Opened opened = BundleZip.open(file(zip));

    assertThat(opened.problems()).isEmpty();
    try (BundleZip bundle = opened.bundle()) {
      assertThat(read(bundle, "manifest.json")).isEqualTo("m");
      assertThat(read(bundle, "public-key.json")).isEqualTo("k");
      assertThat(read(bundle, "entries.jsonl")).isEqualTo("e");
      assertThat(read(bundle, "checkpoints.jsonl")).isEqualTo("c");
    }
  }

  @Test
  void aFileThatIsNotAZipIsAProblem() throws IOException {
    BundleZip.Opened opened = BundleZip.open(file("not a zip".getBytes(StandardCharsets.UTF_8)));

    assertThat(opened.problems()).singleElement().extracting(BundleVerifier.Problem::reason).asString()
        .startsWith("is not a readable zip");
  }

  private static String read(BundleZip bundle, String file) throws IOException {
    try (var in = bundle.open(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private Path file(byte[] bytes) throws IOException {
    Path file = dir.resolve("bundle-" + (count++) + ".zip");
    Files.write(file, bytes);
    return file;
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
