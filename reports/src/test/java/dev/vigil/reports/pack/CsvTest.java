package dev.vigil.reports.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

  @Test
  void aRowWithTheWrongNumberOfFieldsIsRefused() throws IOException {
    Csv csv = new Csv(new ByteArrayOutputStream(), List.of("a", "b"));

    assertThatThrownBy(() -> csv.row("only one")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fieldsWithCommasQuotesAndLineBreaksAreQuotedWithTheirQuotesDoubled() {
    assertThat(Csv.field("a,b")).isEqualTo("\"a,b\"");
    assertThat(Csv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(Csv.field("one\ntwo")).isEqualTo("\"one\ntwo\"");
    assertThat(Csv.field("one\rtwo")).isEqualTo("\"one\rtwo\"");
    assertThat(Csv.field("plain text; with – dashes")).isEqualTo("plain text; with – dashes");
    assertThat(Csv.field(null)).isEmpty();
  }

  @Test
  void everythingRoundTripsAsUtf8WithAHeaderAndCrlfLineEnds() throws IOException {
    List<String> header = List.of("member", "name", "note");
    List<String> tricky = List.of("grt_zoë", "Reads the support inbox — drafts replies", "a, \"b\"\r\nc\nd");
    List<String> empty = List.of("", "Zoë", "");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Csv csv = new Csv(out, header);
    csv.row(tricky);
    csv.row(empty);
    csv.flush();

    byte[] bytes = out.toByteArray();
    assertThat(new String(bytes, StandardCharsets.UTF_8)).startsWith("member,name,note\r\n").endsWith("\r\n");
    assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("Zoë", "—");
    assertThat(CsvText.parse(bytes)).containsExactly(header, tricky, empty);
  }
}
