package dev.vigil.reports.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/reports.md prints the sample-size table from {@link SampleSizeTable#markdown()} between
 * markers, so the code and the document state one table.
 */
class ReportsDocTest {

  static final String BEGIN = "<!-- generated from SampleSizeTable -->\n";
  static final String END = "<!-- end of generated table -->";

  @Test
  void theSampleSizeTableOfDocsReportsMdIsTheCodes() throws IOException {
    String text = doc();
    int from = text.indexOf(BEGIN);
    int to = text.indexOf(END);
    assertThat(from).as("docs/reports.md marks the table with '%s' and '%s'", BEGIN.strip(), END)
        .isNotNegative().isLessThan(to);
    assertThat(text.substring(from + BEGIN.length(), to))
        .as("docs/reports.md's sample-size table differs from SampleSizeTable; paste:%n%s", SampleSizeTable.markdown())
        .isEqualTo(SampleSizeTable.markdown());
  }

  static String doc() throws IOException {
    Path inRepo = Path.of("docs", "reports.md");
    return Files.readString(Files.exists(inRepo) ? inRepo : Path.of("..", "docs", "reports.md"), StandardCharsets.UTF_8);
  }
}
