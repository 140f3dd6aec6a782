package dev.vigil.reports.pack;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes CSV that a spreadsheet opens as written (RFC 4180): UTF-8, one header row, CRLF line
 * ends, and a field quoted when it holds a comma, a double quote, CR or LF, its quotes doubled.
 * A null field is written empty. Every row must have the header's number of fields. Not
 * thread-safe; {@link #flush} before the stream under it is used again.
 */
final class Csv {

  private final Writer out;
  private final int columns;

  Csv(OutputStream out, List<String> header) throws IOException {
    this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    this.columns = header.size();
    row(header);
  }

  void row(Object... fields) throws IOException {
    row(java.util.Arrays.asList(fields));
  }

  void row(List<?> fields) throws IOException {
    if (fields.size() != columns) {
      throw new IllegalArgumentException("a row has " + fields.size() + " fields, the header " + columns);
    }
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) out.write(',');
      out.write(field(fields.get(i)));
    }
    out.write("\r\n");
  }

  void flush() throws IOException {
    out.flush();
  }

  static String field(Object value) {
    String s = value == null ? "" : value.toString();
    boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0;
    return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
  }
}
