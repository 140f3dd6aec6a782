package dev.vigil.collectors.reports;

import java.util.List;

/** One file a report wrote: its download name, size in bytes and hex SHA-256. */
public record ReportFile(String name, long bytes, String sha256) {

  /** The three files of a report, by their download names. */
  public static final String PDF = "report.pdf";
  public static final String PACKAGE = "evidence.zip";
  public static final String OSCAL = "oscal.json";
  public static final List<String> NAMES = List.of(PDF, PACKAGE, OSCAL);

  /** The media type a file of this name is served as. */
  public static String contentType(String name) {
    return switch (name) {
      case PDF -> "application/pdf";
      case PACKAGE -> "application/zip";
      case OSCAL -> "application/json";
      default -> throw new IllegalArgumentException("no report file " + name);
    };
  }
}
