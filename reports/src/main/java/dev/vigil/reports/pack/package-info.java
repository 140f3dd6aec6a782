/**
 * The evidence package ({@code evidence.zip}) of a Type II report and the generator that writes
 * a report's three artifacts. {@link dev.vigil.reports.pack.EvidencePackage} streams the files
 * into the zip, where {@link dev.vigil.reports.PackageLayout} puts them, and signs the manifest;
 * the parts read from the database reach it through {@link dev.vigil.reports.pack.RunSource} and
 * {@link dev.vigil.reports.pack.AuditExport}. The manifest's format and its verification are in
 * controls ({@code dev.vigil.controls.audit.evidence}), so a verifier needs nothing of this module.
 * docs/reports.md, "Evidence package", describes the result.
 */
package dev.vigil.reports.pack;
