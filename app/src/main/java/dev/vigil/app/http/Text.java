package dev.vigil.app.http;

/**
 * What text Vigil accepts, in bodies and in query parameters alike: any Unicode text but the
 * NUL character (PostgreSQL's text cannot hold it, so H2 and PostgreSQL would disagree) and
 * unpaired surrogates (not characters at all: they cannot be written as UTF-8). Stateless.
 */
public final class Text {

  private Text() {}

  /** Why {@code s} is refused, or null when it is acceptable. */
  public static String problem(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\0') return "contains a NUL character";
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return "contains an unpaired surrogate";
        }
      } else if (Character.isLowSurrogate(c)) {
        return "contains an unpaired surrogate";
      }
    }
    return null;
  }
}
