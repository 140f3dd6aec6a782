package dev.vigil.controls.audit.evidence;

/**
 * The signed statement over an evidence package ({@code manifest.sig}): which tenant, which
 * report, and the SHA-256 of the package's {@code manifest.json}, which in turn fixes the size
 * and SHA-256 of every other file. Its body is:
 *
 * <pre>
 * vigil/evidence-package/&lt;tenantId&gt;
 * report &lt;reportId&gt;
 * manifest-sha256 &lt;hex&gt;
 * </pre>
 */
public record PackageNote(String tenantId, String reportId, String manifestSha256) {

  private static final String ORIGIN = "vigil/evidence-package/";

  public String body() {
    return ORIGIN + tenantId + "\n"
        + "report " + reportId + "\n"
        + "manifest-sha256 " + manifestSha256 + "\n";
  }

  /** Parses a signed body; throws IllegalArgumentException when it is not a package note. */
  public static PackageNote fromBody(String body) {
    String[] l = body.split("\n", -1);
    if (l.length != 4 || !l[3].isEmpty() || !l[0].startsWith(ORIGIN) || !l[1].startsWith("report ")
        || !l[2].startsWith("manifest-sha256 ")) {
      throw new IllegalArgumentException("not an evidence package note");
    }
    return new PackageNote(l[0].substring(ORIGIN.length()), l[1].substring(7), l[2].substring(16));
  }
}
