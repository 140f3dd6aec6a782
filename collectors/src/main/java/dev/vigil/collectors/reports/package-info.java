/**
 * Type II reports as records: what was asked for (audited as {@code report.requested}), how
 * generation goes, and what it wrote (audited as {@code report.generated}, with each file's
 * SHA-256, so the chain vouches for the artifacts), and each download ({@code
 * report.downloaded}). Generating them is the reports module's job; this package only keeps
 * their state, scoped by tenant.
 */
package dev.vigil.collectors.reports;
