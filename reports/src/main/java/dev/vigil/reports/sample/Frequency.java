package dev.vigil.reports.sample;

/** How often a control operates, in the words of an attestation sampling table. */
public enum Frequency {
  SEVERAL_TIMES_A_DAY("several times a day"),
  DAILY("daily"),
  WEEKLY("weekly"),
  MONTHLY("monthly"),
  QUARTERLY("quarterly"),
  ANNUAL("annual");

  private final String words;

  Frequency(String words) {
    this.words = words;
  }

  /** As a report prints it. */
  public String words() {
    return words;
  }
}
