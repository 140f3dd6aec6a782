/**
 * The evidence package ({@code evidence.zip}) of a Type II report and the generator that writes
 * a report's three artifacts. {@link dev.vigil.reports.pack.EvidencePackage} streams the files
 * into the zip, where {@link dev.vigil.reports.PackageLayout} puts them, and signs the manifest;
 * the period's audit entries and runs stream into it while the period is read (it is the
 * reader's {@link dev.vigil.reports.load.PeriodSink}), the bundle written by
 * {@link dev.vigil.reports.pack.AuditExport}. The manifest's format and its verification are in
 * controls ({@code dev.vigil.controls.audit.evidence}), so a verifier needs nothing of this module.
 * docs/reports.md, "Evidence package", describes the result.
 */
package dev.vigil.reports.pack;
