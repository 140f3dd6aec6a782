package dev.vigil.app.metrics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4, as a scraper reads it: it
 * refuses what Prometheus would refuse (a bad name, label or value, an unterminated line, a
 * sample of a family declared elsewhere, a family declared twice, a repeated series) and what
 * the format's rules forbid of a histogram (buckets without {@code le}, buckets that decrease, a
 * {@code +Inf} bucket unlike {@code _count}). Client_java has no parser of its own; promtool
 * checks the same text where it is installed.
 */
public final class PromText {

  /** One sample: its name (with any {@code _bucket}, {@code _sum}, {@code _count} suffix), labels and value. */
  public record Sample(String name, Map<String, String> labels, double value) {}

  /** A metric family: its name, type, help, and samples in order. */
  public record Family(String name, String type, String help, List<Sample> samples) {}

  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

  private final Map<String, Family> families;

  private PromText(Map<String, Family> families) {
    this.families = families;
  }

  /** Parses {@code text}, or throws {@link IllegalArgumentException} naming the line at fault. */
  public static PromText parse(String text) {
    if (!text.isEmpty() && !text.endsWith("\n")) throw new IllegalArgumentException("the last line is not ended");
    Map<String, Family> families = new LinkedHashMap<>();
    Set<String> series = new HashSet<>();
    String current = null;
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length - 1; i++) {
      String line = lines[i];
      try {
        if (line.isBlank()) continue;
        if (line.startsWith("#")) {
          current = comment(line, families, current);
          continue;
        }
        Sample s = sample(line);
        String family = familyOf(s.name(), families);
        if (family == null) throw new IllegalArgumentException("a sample of no declared family");
        if (!family.equals(current)) throw new IllegalArgumentException("family " + family + " is not contiguous");
        if (!series.add(s.name() + new TreeMap<>(s.labels()))) throw new IllegalArgumentException("a repeated series");
        families.get(family).samples().add(s);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("line " + (i + 1) + " '" + line + "': " + e.getMessage(), e);
      }
    }
    families.values().forEach(PromText::checkHistogram);
    return new PromText(families);
  }

  public Map<String, Family> families() {
    return families;
  }

  /** The family named {@code name}; fails when there is none. */
  public Family family(String name) {
    Family f = families.get(name);
    if (f == null) throw new AssertionError("no metric family " + name + " among " + families.keySet());
    return f;
  }

  /** The value of the one sample {@code name} whose labels include {@code labels}; fails unless exactly one. */
  public double value(String name, Map<String, String> labels) {
    List<Sample> found = new ArrayList<>();
    for (Family f : families.values()) {
      for (Sample s : f.samples()) {
        if (s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet())) found.add(s);
      }
    }
    if (found.size() != 1) throw new AssertionError(found.size() + " samples " + name + labels + ": " + found);
    return found.get(0).value();
  }

  /** The sum of every sample {@code name} whose labels include {@code labels}; 0 when none. */
  public double sum(String name, Map<String, String> labels) {
    double total = 0;
    for (Family f : families.values()) {
      for (Sample s : f.samples()) {
        if (s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet())) total += s.value();
      }
    }
    return total;
  }

  private static String comment(String line, Map<String, Family> families, String current) {
    String[] parts = line.split(" ", 4);
    if (parts.length < 3 || !parts[0].equals("#") || !(parts[1].equals("HELP") || parts[1].equals("TYPE"))) {
      return current; // a plain comment
    }
    String name = parts[2];
    if (!NAME.matcher(name).matches()) throw new IllegalArgumentException("a bad metric name");
    String rest = parts.length == 4 ? parts[3] : "";
    Family f = families.get(name);
    if (f != null && !name.equals(current)) throw new IllegalArgumentException("family " + name + " declared twice");
    if (f != null && !f.samples().isEmpty()) throw new IllegalArgumentException("metadata after samples");
    if (parts[1].equals("TYPE")) {
      if (!TYPES.contains(rest)) throw new IllegalArgumentException("an unknown type");
      if (f != null && f.type() != null) throw new IllegalArgumentException("a second TYPE");
      families.put(name, new Family(name, rest, f == null ? null : f.help(), new ArrayList<>()));
    } else {
      if (f != null && f.help() != null) throw new IllegalArgumentException("a second HELP");
      families.put(name, new Family(name, f == null ? null : f.type(), unescape(rest), new ArrayList<>()));
    }
    return name;
  }

  /** The declared family a sample belongs to: its own name, or its name less a histogram's or summary's suffix. */
  private static String familyOf(String sample, Map<String, Family> families) {
    Family own = families.get(sample);
    if (own != null && !"histogram".equals(own.type()) && !"summary".equals(own.type())) return sample;
    for (String suffix : List.of("_bucket", "_sum", "_count")) {
      if (!sample.endsWith(suffix)) continue;
      Family f = families.get(sample.substring(0, sample.length() - suffix.length()));
      if (f == null) continue;
      if ("histogram".equals(f.type()) || "summary".equals(f.type()) && !suffix.equals("_bucket")) return f.name();
    }
    return null;
  }

  private static Sample sample(String line) {
    Matcher m = NAME.matcher(line);
    if (!m.lookingAt()) throw new IllegalArgumentException("no metric name");
    String name = m.group();
    int at = m.end();
    Map<String, String> labels = new LinkedHashMap<>();
    if (at < line.length() && line.charAt(at) == '{') {
      at = labels(line, at + 1, labels);
    }
    if (at >= line.length() || line.charAt(at) != ' ') throw new IllegalArgumentException("no space before the value");
    String[] rest = line.substring(at + 1).split(" ", -1);
    if (rest.length > 2) throw new IllegalArgumentException("more than a value and a timestamp");
    double value = number(rest[0]);
    if (rest.length == 2 && !rest[1].matches("-?[0-9]+")) throw new IllegalArgumentException("a bad timestamp");
    return new Sample(name, labels, value);
  }

  /** Reads {@code name="value",...}} from {@code at}; returns the index after the closing brace. */
  private static int labels(String line, int at, Map<String, String> labels) {
    while (true) {
      if (at < line.length() && line.charAt(at) == '}') return at + 1;
      Matcher m = LABEL.matcher(line).region(at, line.length());
      if (!m.lookingAt()) throw new IllegalArgumentException("a bad label name at " + at);
      String label = m.group();
      at = m.end();
      if (!line.startsWith("=\"", at)) throw new IllegalArgumentException("no =\" after label " + label);
      at += 2;
      StringBuilder value = new StringBuilder();
      while (true) {
        if (at >= line.length()) throw new IllegalArgumentException("an unterminated label value");
        char c = line.charAt(at++);
        if (c == '"') break;
        if (c == '\\') {
          if (at >= line.length()) throw new IllegalArgumentException("a dangling escape");
          char e = line.charAt(at++);
          value.append(switch (e) {
            case '\\' -> '\\';
            case '"' -> '"';
            case 'n' -> '\n';
            default -> throw new IllegalArgumentException("a bad escape \\" + e);
          });
        } else {
          value.append(c);
        }
      }
      if (labels.put(label, value.toString()) != null) throw new IllegalArgumentException("label " + label + " twice");
      if (at < line.length() && line.charAt(at) == ',') at++;
      else if (at >= line.length() || line.charAt(at) != '}') throw new IllegalArgumentException("no , or } after a label");
    }
  }

  private static double number(String s) {
    return switch (s) {
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> {
        if (!s.matches("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?")) {
          throw new IllegalArgumentException("a bad value '" + s + "'");
        }
        yield Double.parseDouble(s);
      }
    };
  }

  private static String unescape(String help) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < help.length(); i++) {
      char c = help.charAt(i);
      if (c != '\\' || i + 1 == help.length()) {
        out.append(c);
        continue;
      }
      char e = help.charAt(++i);
      if (e == 'n') out.append('\n');
      else if (e == '\\') out.append('\\');
      else out.append('\\').append(e);
    }
    return out.toString();
  }

  /** A histogram's buckets, per series: each has {@code le}, counts never fall, {@code +Inf} equals {@code _count}. */
  private static void checkHistogram(Family f) {
    if (!"histogram".equals(f.type())) return;
    Map<Map<String, String>, List<Sample>> buckets = new LinkedHashMap<>();
    Map<Map<String, String>, Double> counts = new LinkedHashMap<>();
    for (Sample s : f.samples()) {
      if (s.name().endsWith("_bucket")) {
        Map<String, String> series = new TreeMap<>(s.labels());
        if (series.remove("le") == null) throw new IllegalArgumentException(f.name() + ": a bucket without le");
        buckets.computeIfAbsent(series, k -> new ArrayList<>()).add(s);
      } else if (s.name().endsWith("_count")) {
        counts.put(new TreeMap<>(s.labels()), s.value());
      }
    }
    buckets.forEach((series, list) -> {
      double last = -1;
      double lastBound = Double.NEGATIVE_INFINITY;
      for (Sample b : list) {
        double bound = number(b.labels().get("le"));
        if (bound <= lastBound) throw new IllegalArgumentException(f.name() + series + ": buckets out of order");
        if (b.value() < last) throw new IllegalArgumentException(f.name() + series + ": a bucket count falls");
        lastBound = bound;
        last = b.value();
      }
      if (lastBound != Double.POSITIVE_INFINITY) throw new IllegalArgumentException(f.name() + series + ": no +Inf");
      Double count = counts.get(series);
      if (count == null || count != last) throw new IllegalArgumentException(f.name() + series + ": +Inf is not _count");
    });
  }
}
