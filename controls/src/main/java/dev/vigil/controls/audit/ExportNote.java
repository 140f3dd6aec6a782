package dev.vigil.controls.audit;

import java.time.Instant;

/**
 * The signed statement at the head of an export bundle: which tenant, which seq range, the
 * hash the range chains from, and the SHA-256 of the bundle's two data files. Its body is:
 *
 * <pre>
 * vigil/audit-export/&lt;tenantId&gt;
 * range &lt;fromSeq&gt; &lt;toSeq&gt;
 * previous &lt;hex hash of entry fromSeq-1, or 64 zeros&gt;
 * entries-sha256 &lt;hex&gt;
 * checkpoints-sha256 &lt;hex&gt;
 * time &lt;exportedAt&gt;
 * </pre>
 *
 * An empty range has {@code toSeq = fromSeq - 1}.
 */
public record ExportNote(String tenantId, long fromSeq, long toSeq, String previousHash,
    String entriesSha256, String checkpointsSha256, Instant exportedAt) {

  public static String origin(String tenantId) {
    return "vigil/audit-export/" + tenantId;
  }

  public String body() {
    return origin(tenantId) + "\n"
        + "range " + fromSeq + " " + toSeq + "\n"
        + "previous " + previousHash + "\n"
        + "entries-sha256 " + entriesSha256 + "\n"
        + "checkpoints-sha256 " + checkpointsSha256 + "\n"
        + "time " + AuditChain.formatTime(exportedAt) + "\n";
  }

  /** Parses a signed body; throws IllegalArgumentException when it is not an export note. */
  public static ExportNote fromBody(String body) {
    String[] l = body.split("\n", -1);
    if (l.length != 7 || !l[6].isEmpty() || !l[0].startsWith("vigil/audit-export/")
        || !l[1].startsWith("range ") || !l[2].startsWith("previous ")
        || !l[3].startsWith("entries-sha256 ") || !l[4].startsWith("checkpoints-sha256 ")
        || !l[5].startsWith("time ")) {
      throw new IllegalArgumentException("not an export note");
    }
    String[] range = l[1].substring(6).split(" ");
    if (range.length != 2) throw new IllegalArgumentException("range is: from to");
    return new ExportNote(l[0].substring("vigil/audit-export/".length()), Long.parseLong(range[0]),
        Long.parseLong(range[1]), l[2].substring(9), l[3].substring(15), l[4].substring(19),
        Instant.parse(l[5].substring(5)));
  }
}
