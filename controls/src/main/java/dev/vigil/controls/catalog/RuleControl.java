package dev.vigil.controls.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A declaration bound to its parameters (see {@link ControlDeclaration#bind}), and the helpers
 * the catalog's rules share. Immutable and thread-safe as long as the rule is pure.
 */
record RuleControl(ControlInfo info, BiFunction<Snapshot, Instant, Evaluation> rule) implements Control {

  /**
   * The order of deviations: by subject id, with runs of digits compared as numbers, so that
   * "entry 9" comes before "entry 10"; then plainly, so that the order is total.
   */
  static final Comparator<String> SUBJECT_ORDER = RuleControl::compareNatural;

  @Override
  public Evaluation evaluate(Snapshot snapshot, Instant now) {
    return rule.apply(snapshot, now);
  }

  /**
   * An evaluation of a counted population whose members are not objects (entries, actions,
   * scheduled runs): no members named, its deviations in {@link #SUBJECT_ORDER}.
   */
  static Evaluation found(long population, List<Deviation> deviations) {
    return Evaluation.of(population, ordered(deviations));
  }

  /**
   * An evaluation of the {@code examined} members, each named by {@code id} (the id its
   * deviation names when it fails); members and deviations both in {@link #SUBJECT_ORDER}.
   */
  static <T> Evaluation found(List<T> examined, Function<T, String> id, List<Deviation> deviations) {
    List<String> members = new ArrayList<>(examined.size());
    for (T t : examined) members.add(id.apply(t));
    members.sort(SUBJECT_ORDER);
    return Evaluation.ofMembers(members, ordered(deviations));
  }

  private static List<Deviation> ordered(List<Deviation> deviations) {
    List<Deviation> sorted = new ArrayList<>(deviations);
    sorted.sort(Comparator.comparing(Deviation::subjectId, SUBJECT_ORDER));
    return sorted;
  }

  /** {@code items} by their id; on a duplicate id the last wins. */
  static <T> Map<String, T> byId(List<T> items, Function<T, String> id) {
    Map<String, T> out = new HashMap<>();
    for (T t : items) out.put(id.apply(t), t);
    return out;
  }

  private static int compareNatural(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char ca = a.charAt(i);
      char cb = b.charAt(j);
      if (isDigit(ca) && isDigit(cb)) {
        int startA = skipZeros(a, i);
        int startB = skipZeros(b, j);
        i = endOfDigits(a, i);
        j = endOfDigits(b, j);
        int lengths = Integer.compare(i - startA, j - startB);
        if (lengths != 0) return lengths;
        int digits = a.substring(startA, i).compareTo(b.substring(startB, j));
        if (digits != 0) return digits;
      } else {
        if (ca != cb) return Character.compare(ca, cb);
        i++;
        j++;
      }
    }
    int rest = Integer.compare(a.length() - i, b.length() - j);
    return rest != 0 ? rest : a.compareTo(b);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int skipZeros(String s, int i) {
    while (i < s.length() - 1 && s.charAt(i) == '0' && isDigit(s.charAt(i + 1))) i++;
    return i;
  }

  private static int endOfDigits(String s, int i) {
    while (i < s.length() && isDigit(s.charAt(i))) i++;
    return i;
  }
}
