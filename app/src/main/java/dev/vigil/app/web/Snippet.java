package dev.vigil.app.web;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A search result's snippet as a page shows it. The index hands it over as HTML: the indexed
 * text escaped, the query's terms between {@code <mark>} tags. The page never writes that HTML
 * out as it is: it is split at the highlighter's tags (indexed text cannot forge one, since its
 * {@code <} arrives escaped) and each part unescaped back to text, which the template escapes
 * again as it writes it, marking the matched parts. Whatever the text holds, it stays text.
 */
public record Snippet(List<Part> parts) {

  /** A run of the snippet's text; {@code marked} when it matched the query. */
  public record Part(String text, boolean marked) {}

  private static final String OPEN = "<mark>";
  private static final String CLOSE = "</mark>";
  private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|amp|lt|gt|quot|apos);");

  public Snippet {
    parts = List.copyOf(parts);
  }

  /** Whether any part matched the query. */
  public boolean marked() {
    return parts.stream().anyMatch(Part::marked);
  }

  /** The parts of {@code html}, as the index's highlighter wrote it. */
  static Snippet of(String html) {
    List<Part> parts = new ArrayList<>();
    int at = 0;
    while (at < html.length()) {
      int open = html.indexOf(OPEN, at);
      if (open < 0) {
        add(parts, html.substring(at), false);
        break;
      }
      add(parts, html.substring(at, open), false);
      int start = open + OPEN.length();
      int close = html.indexOf(CLOSE, start);
      int end = close < 0 ? html.length() : close;
      add(parts, html.substring(start, end), true);
      at = close < 0 ? html.length() : close + CLOSE.length();
    }
    return new Snippet(parts);
  }

  private static void add(List<Part> parts, String html, boolean marked) {
    if (!html.isEmpty()) parts.add(new Part(unescape(html), marked));
  }

  /** {@code html} with the entities an HTML escaper writes (named and numeric) turned back to characters. */
  static String unescape(String html) {
    Matcher m = ENTITY.matcher(html);
    StringBuilder out = new StringBuilder(html.length());
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(character(m.group(1), m.group())));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String character(String name, String whole) {
    return switch (name) {
      case "amp" -> "&";
      case "lt" -> "<";
      case "gt" -> ">";
      case "quot" -> "\"";
      case "apos" -> "'";
      default -> {
        boolean hex = name.charAt(1) == 'x' || name.charAt(1) == 'X';
        int cp = Integer.parseInt(name.substring(hex ? 2 : 1), hex ? 16 : 10);
        yield Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : whole;
      }
    };
  }
}
