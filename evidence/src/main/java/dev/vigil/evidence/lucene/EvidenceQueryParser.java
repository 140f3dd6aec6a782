package dev.vigil.evidence.lucene;

import dev.vigil.collectors.db.Rejected;
import dev.vigil.evidence.Fields;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.AutomatonQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;
import org.apache.lucene.util.automaton.Transition;

/**
 * Lucene's classic query syntax over the index's fields, made strict: a field the index does
 * not have, a leading wildcard (or a regular expression that may begin with any character), too
 * many clauses or a regular expression too big to run is an error naming the problem. Numeric fields take numbers, and time fields ISO-8601 dates or
 * instants ({@code time:[2026-03-01 TO 2026-03-31]} covers both whole days), never a pattern. One per query.
 */
final class EvidenceQueryParser extends QueryParser {

  /** Longer queries are refused before parsing. */
  static final int MAX_LENGTH = 2_000;

  private static final Set<String> KNOWN;

  static {
    Set<String> known = new TreeSet<>(Fields.TERMS);
    known.addAll(Fields.NUMBERS);
    known.add(Fields.BODY);
    known.add(Fields.TITLE);
    KNOWN = Set.copyOf(known);
  }

  private EvidenceQueryParser(Schema schema) {
    super(Fields.BODY, schema.analyzer());
    setAllowLeadingWildcard(false);
    setDefaultOperator(AND_OPERATOR);
  }

  /** {@code q} as a query; blank matches every document. */
  static Query parse(Schema schema, String q) {
    if (q == null || q.isBlank()) return new MatchAllDocsQuery();
    if (q.length() > MAX_LENGTH) throw Rejected.invalid("q: longer than " + MAX_LENGTH + " characters");
    Query query;
    try {
      query = new EvidenceQueryParser(schema).parse(q);
    } catch (ParseException e) {
      throw Rejected.malformed("q: " + firstLine(e.getMessage()));
    } catch (TooComplexToDeterminizeException | IndexSearcher.TooManyClauses e) {
      throw Rejected.malformed("q: too costly to run (" + e.getMessage() + ")");
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw Rejected.malformed("q: " + e.getMessage());
    }
    requireKnownFields(query);
    return query;
  }

  private static void requireKnownFields(Query query) {
    Set<String> unknown = new TreeSet<>();
    query.visit(new QueryVisitor() {
      @Override
      public boolean acceptField(String field) {
        if (!KNOWN.contains(field)) unknown.add(field);
        return true;
      }

      @Override
      public QueryVisitor getSubVisitor(org.apache.lucene.search.BooleanClause.Occur occur, Query parent) {
        return this;
      }
    });
    if (!unknown.isEmpty()) {
      throw Rejected.malformed("q: no field " + String.join(", ", unknown) + "; the fields are " + KNOWN);
    }
  }

  /**
   * How many characters a regular expression's first may be chosen from. More, and it reads
   * every term of its field as a leading wildcard would ({@code /.*a/} is {@code *a}): refused
   * alike, however small its automaton.
   */
  static final int REGEXP_FIRST_CHARACTERS = 1_000;

  @Override
  protected Query getRegexpQuery(String field, String text) throws ParseException {
    termsOnly(field, "/" + text + "/");
    Query query = super.getRegexpQuery(field, text);
    if (query instanceof AutomatonQuery a && firstCharacters(a.getAutomaton()) > REGEXP_FIRST_CHARACTERS) {
      throw new ParseException("/" + text + "/ may begin with any character: like a leading wildcard, it would"
          + " read every term of " + field + "; begin it with the characters you know");
    }
    return query;
  }

  @Override
  protected Query getWildcardQuery(String field, String termStr) throws ParseException {
    termsOnly(field, termStr);
    return super.getWildcardQuery(field, termStr);
  }

  @Override
  protected Query getPrefixQuery(String field, String termStr) throws ParseException {
    termsOnly(field, termStr + "*");
    return super.getPrefixQuery(field, termStr);
  }

  @Override
  protected Query getFuzzyQuery(String field, String termStr, float minSimilarity) throws ParseException {
    termsOnly(field, termStr + "~");
    return super.getFuzzyQuery(field, termStr, minSimilarity);
  }

  /**
   * Refuses a pattern on a number or time field: they are indexed as points, which hold no
   * terms for a pattern to match, so it would quietly find nothing.
   */
  private static void termsOnly(String field, String pattern) throws ParseException {
    if (Fields.NUMBERS.contains(field)) {
      throw new ParseException(field + ":" + pattern + ": " + field + " is a " + (Fields.TIMES.contains(field) ? "time"
          : "number") + " field, which takes a value or a range such as " + field + ":[a TO b], not a pattern");
    }
  }

  /** How many characters the automaton accepts first (it is deterministic: its transitions do not overlap). */
  private static long firstCharacters(Automaton automaton) {
    Transition t = new Transition();
    long n = 0;
    int count = automaton.initTransition(0, t);
    for (int i = 0; i < count; i++) {
      automaton.getNextTransition(t);
      n += t.max - t.min + 1L;
    }
    return n;
  }

  @Override
  protected Query getFieldQuery(String field, String text, boolean quoted) throws ParseException {
    if (!Fields.NUMBERS.contains(field)) return super.getFieldQuery(field, text, quoted);
    if (Fields.TIMES.contains(field) && isDate(text)) {
      long start = startOfDay(text);
      return LongPoint.newRangeQuery(field, start, start + DAY - 1);
    }
    long v = number(field, text, false);
    return LongPoint.newExactQuery(field, v);
  }

  @Override
  protected Query getRangeQuery(String field, String lower, String upper, boolean startInclusive,
      boolean endInclusive) throws ParseException {
    if (!Fields.NUMBERS.contains(field)) {
      return super.getRangeQuery(field, lower, upper, startInclusive, endInclusive);
    }
    long low = lower == null ? Long.MIN_VALUE : number(field, lower, false);
    long high = upper == null ? Long.MAX_VALUE : number(field, upper, endInclusive);
    if (lower != null && !startInclusive) low = Math.addExact(low, 1);
    if (upper != null && !endInclusive) high = Math.subtractExact(high, 1);
    return LongPoint.newRangeQuery(field, low, high);
  }

  private static final long DAY = 86_400_000L;

  /**
   * A numeric field's value: a number, or for a time field an instant or a date. A date as the
   * inclusive upper end of a range stands for the end of that day.
   */
  private static long number(String field, String text, boolean endOfDay) throws ParseException {
    if (Fields.TIMES.contains(field)) {
      if (isDate(text)) return startOfDay(text) + (endOfDay ? DAY - 1 : 0);
      try {
        return Instant.parse(text).toEpochMilli();
      } catch (DateTimeParseException e) {
        throw new ParseException(field + ": " + text + " is not an ISO-8601 date or instant");
      }
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new ParseException(field + ": " + text + " is not a whole number");
    }
  }

  private static boolean isDate(String text) {
    return text.length() == 10 && text.charAt(4) == '-' && text.charAt(7) == '-';
  }

  private static long startOfDay(String text) throws ParseException {
    try {
      return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new ParseException(text + " is not an ISO-8601 date");
    }
  }

  private static String firstLine(String message) {
    if (message == null) return "does not parse";
    int nl = message.indexOf('\n');
    return (nl < 0 ? message : message.substring(0, nl)).strip();
  }
}
