package dev.vigil.reports.pack;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads RFC 4180 CSV back into rows, strictly (CRLF row ends, quotes only around whole fields), for tests. */
final class CsvText {

  private CsvText() {}

  static List<List<String>> parse(byte[] bytes) {
    String s = new String(bytes, StandardCharsets.UTF_8);
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '"' && field.length() == 0) {
        for (i++; ; i++) {
          if (s.charAt(i) == '"') {
            if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
              field.append('"');
              i++;
            } else {
              i++;
              break;
            }
          } else {
            field.append(s.charAt(i));
          }
        }
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
        i++;
      } else if (c == '\r') {
        if (s.charAt(i + 1) != '\n') throw new IllegalArgumentException("a bare CR outside quotes at " + i);
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        i += 2;
      } else if (c == '\n' || c == '"') {
        throw new IllegalArgumentException("a bare " + (c == '"' ? "quote" : "LF") + " outside quotes at " + i);
      } else {
        field.append(c);
        i++;
      }
    }
    if (!row.isEmpty() || field.length() > 0) throw new IllegalArgumentException("the last row has no CRLF");
    return rows;
  }
}
