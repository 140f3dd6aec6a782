package dev.vigil.reports.oscal;

import dev.vigil.reports.PackageLayout;
import java.net.URI;

/**
 * How the assessment results point into the evidence package. OSCAL resolves a relative
 * {@code href} against the document's own location, and the document sits at
 * {@link PackageLayout#ASSESSMENT_RESULTS} ({@code oscal/assessment-results.json}), so the file
 * at package path {@code controls/AC-1/runs.jsonl} is {@code ../controls/AC-1/runs.jsonl}.
 */
final class EvidenceHref {

  private static final URI DOCUMENT = URI.create(PackageLayout.ASSESSMENT_RESULTS);

  private EvidenceHref() {}

  /** The href, relative to the document, of the file at {@code packagePath} of the package. */
  static String of(String packagePath) {
    int depth = (int) PackageLayout.ASSESSMENT_RESULTS.chars().filter(c -> c == '/').count();
    return "../".repeat(depth) + packagePath;
  }

  /** The package path an href of {@link #of} names: it resolved against the document's location. */
  static String packagePath(String href) {
    return DOCUMENT.resolve(href).normalize().toString();
  }
}
