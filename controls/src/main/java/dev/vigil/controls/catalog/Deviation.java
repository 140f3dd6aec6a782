package dev.vigil.controls.catalog;

/**
 * One member of a control's population that fails it: an "exception" in the audit sense.
 * {@code subjectId} names the member (a grant, agent, vendor, incident ...); {@code detail}
 * says in plain words why it fails. Never carries a secret.
 */
public record Deviation(String subjectId, String detail) {}
