/**
 * Auditor-facing output for an observation period. Built so far: the period model
 * ({@code period}: per control, runs, missed scheduled runs, status timeline, passing share,
 * deviations and exceptions in force) and auditor samples ({@code sample}: size, seeded draw
 * and each member's evidence), both pure; the PDF ({@code pdf}), the OSCAL assessment results
 * ({@code oscal}), and the evidence package and the generator of all three ({@code pack}), the
 * package's paths named in {@link dev.vigil.reports.PackageLayout}. They read through the
 * collectors' stores, know the catalog from controls, and write nothing back. docs/reports.md
 * states the rules.
 */
package dev.vigil.reports;
