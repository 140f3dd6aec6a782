/**
 * The evidence package of a Type II report ({@code evidence.zip}, docs/reports.md): its
 * manifest ({@link dev.vigil.controls.audit.evidence.PackageManifest}), the signed note over the
 * manifest ({@link dev.vigil.controls.audit.evidence.PackageNote}), and the offline verifier
 * ({@link dev.vigil.controls.audit.evidence.PackageVerifier}). The package's paths are data here,
 * read from the manifest: the module that writes packages names them, this one only checks
 * what a manifest lists.
 */
package dev.vigil.controls.audit.evidence;
