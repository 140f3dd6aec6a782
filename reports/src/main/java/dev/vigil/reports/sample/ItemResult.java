package dev.vigil.reports.sample;

/** What one run found of one sampled member. */
public enum ItemResult {
  /** Examined and not among the run's failing members. */
  PASSED,
  /** Among the run's failing members (its exceptions). */
  FAILED,
  /** Would have failed, but an approved exception covered it. */
  EXCUSED,
  /**
   * Not named by a run that named only some of its failing or excused members: it may have
   * passed or not, and the report must not say it passed.
   */
  UNKNOWN
}
