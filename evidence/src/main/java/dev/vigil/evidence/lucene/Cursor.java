package dev.vigil.evidence.lucene;

import dev.vigil.collectors.db.Rejected;
import dev.vigil.evidence.EvidenceDoc;
import dev.vigil.evidence.SearchRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.util.BytesRef;

/**
 * The position after the last item of a page, as the sort values of that item: its time (or
 * score) and its uid. Searching after sort values rather than a document number keeps pages
 * stable while documents are added: a time-ordered page never repeats or skips an item that
 * was there before. Opaque to clients (base64url).
 */
final class Cursor {

  private Cursor() {}

  static String encode(SearchRequest.Order order, FieldDoc last) {
    Object first = last.fields[0];
    String value = order == SearchRequest.Order.TIME ? Long.toString((Long) first)
        : Integer.toString(Float.floatToIntBits((Float) first));
    String uid = ((BytesRef) last.fields[1]).utf8ToString();
    String plain = (order == SearchRequest.Order.TIME ? "t" : "r") + "|" + value + "|" + uid;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /** The sort values of the position; 400 when the cursor was not handed out for this order. */
  static Object[] decode(SearchRequest.Order order, String cursor) {
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 3);
      String kind = order == SearchRequest.Order.TIME ? "t" : "r";
      if (parts.length != 3 || !parts[0].equals(kind)) throw new IllegalArgumentException("wrong order");
      if (!EvidenceDoc.isUid(parts[2])) throw new IllegalArgumentException("not a document's uid");
      Object first = order == SearchRequest.Order.TIME ? (Object) Long.parseLong(parts[1])
          : (Object) Float.intBitsToFloat(Integer.parseInt(parts[1]));
      return new Object[] {first, new BytesRef(parts[2])};
    } catch (IllegalArgumentException e) {
      throw Rejected.malformed("cursor: not one this search handed out (for sort=" + order.name().toLowerCase()
          + ")");
    }
  }
}
