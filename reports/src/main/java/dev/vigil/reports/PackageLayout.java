package dev.vigil.reports;

import dev.vigil.controls.audit.evidence.PackageManifest;

/**
 * Where each file sits in the evidence package ({@code evidence.zip}), as paths from the
 * package's root. The one place that names them: the package writer puts files here, and the
 * OSCAL assessment results point here (docs/reports.md lists the layout).
 */
public final class PackageLayout {

  public static final String REPORT_PDF = "report.pdf";
  public static final String ASSESSMENT_RESULTS = "oscal/assessment-results.json";
  public static final String FINDINGS = "findings.csv";
  public static final String EXCEPTIONS = "exceptions.csv";
  public static final String SAMPLES = "samples.csv";
  public static final String AUDIT_BUNDLE = "audit/bundle.zip";
  /** The manifest and its signature, named where their verifier (in controls) can see them too. */
  public static final String MANIFEST = PackageManifest.MANIFEST;
  public static final String MANIFEST_SIGNATURE = PackageManifest.SIGNATURE;

  private PackageLayout() {}

  /** Every run of the control in the period, one JSON object a line, each with its evidence record. */
  public static String runs(String controlId) {
    return "controls/" + controlId + "/runs.jsonl";
  }

  /** The control's deviations in the period. */
  public static String deviations(String controlId) {
    return "controls/" + controlId + "/deviations.csv";
  }

  /** The members of one population ("grants", "agents" ...). */
  public static String population(String kind) {
    return "populations/" + kind + ".csv";
  }
}
