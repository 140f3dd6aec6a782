package dev.vigil.collectors.audit;

import dev.vigil.collectors.db.Rejected;

/**
 * The one limit on an audit entry's size: its canonical data may be at most
 * {@link #MAX_DATA_BYTES} bytes of UTF-8. H2's {@code data} column holds that many characters
 * (property {@code json} in migrations.xml), and UTF-8 never takes fewer bytes than a string
 * has characters, so an entry within the limit always fits. PostgreSQL would store more, but
 * the same request must get the same answer on either database.
 *
 * <p>The limit is checked when a {@link PendingEntry} is made, on the request's thread, so an
 * oversized entry is refused before it joins a group commit, where it would fail every other
 * request sharing that commit. Stores that validate a batch check it first with
 * {@link #problem}, so the refusal names the item.
 */
public final class EntrySize {

  /** 1 MiB: the most bytes of canonical JSON one entry's data may hold. */
  public static final int MAX_DATA_BYTES = 1024 * 1024;

  private EntrySize() {}

  /** Why {@code canonicalData} is too large to append, or null when it fits. */
  public static String problem(String canonicalData) {
    // A char takes at most 3 bytes (a surrogate pair 4 for 2 chars): most entries are short
    // enough to fit whatever they hold, and are not counted on the ingest path.
    if (canonicalData.length() <= MAX_DATA_BYTES / 3) return null;
    long bytes = utf8Length(canonicalData);
    if (bytes <= MAX_DATA_BYTES) return null;
    return "its audit entry would hold " + bytes + " bytes of canonical JSON, over the limit of "
        + MAX_DATA_BYTES + " bytes (1 MiB)";
  }

  /**
   * @throws Rejected invalid when {@code canonicalData} is over the limit
   */
  static void require(String canonicalData) {
    String problem = problem(canonicalData);
    if (problem != null) throw Rejected.invalid("data: " + problem);
  }

  /** The bytes {@code s} takes in UTF-8, counted without encoding it. */
  static long utf8Length(CharSequence s) {
    long bytes = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isSurrogate(c)) {
        // A pair is 4 bytes, 2 per half; a lone half (refused elsewhere) counts the same.
        bytes += 2;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
