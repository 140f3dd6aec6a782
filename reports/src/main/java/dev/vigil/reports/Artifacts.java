package dev.vigil.reports;

import java.util.List;

/**
 * What generating a report wrote: the PDF's page count and each file (report.pdf,
 * evidence.zip, oscal.json) with its size and SHA-256, as {@code GET /reports/{id}} shows them.
 */
public record Artifacts(int pages, List<File> files) {

  /** The three files, by their download names. */
  public static final String PDF = "report.pdf";
  public static final String PACKAGE = "evidence.zip";
  public static final String OSCAL = "oscal.json";

  public Artifacts {
    files = List.copyOf(files);
  }

  /** One file written: its download name, size in bytes, and hex SHA-256. */
  public record File(String name, long bytes, String sha256) {}
}
