package dev.vigil.controls.audit.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.controls.audit.BundleVerifier;
import dev.vigil.controls.audit.BundleVerifier.Problem;
import dev.vigil.controls.audit.BundleZip;
import dev.vigil.controls.audit.Checkpoint;
import dev.vigil.controls.audit.Sha256;
import dev.vigil.controls.audit.SignedNote;
import java.io.InputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Verifies an evidence package ({@code evidence.zip}) with no server and no database
 * (docs/reports.md, "Evidence package"). Trusts only the signed note in {@code manifest.sig}:
 * it fixes the manifest's SHA-256, the manifest fixes every other file's size and SHA-256, and
 * the audit bundle the manifest names is verified as an export bundle with the same key. Every
 * problem is named. Stateless.
 */
public final class PackageVerifier {

  /** What was checked and what failed; {@code ok()} when nothing did. {@code bundle} is null when not reached. */
  public record Report(String tenantId, String reportId, Instant from, Instant to, int files, String keyId,
      BundleVerifier.Report bundle, List<Problem> problems) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private PackageVerifier() {}

  /**
   * Whether the zip looks like an evidence package rather than an audit bundle: its central
   * directory names a manifest signature. Only chooses the verifier, which then reads the zip
   * strictly; a zip too broken to list is not called a package.
   */
  public static boolean isPackage(Path zip) throws IOException {
    try (ZipFile file = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
      return file.getEntry(PackageManifest.SIGNATURE) != null;
    } catch (ZipException e) {
      return false;
    }
  }

  /**
   * @param pinnedKey the public key the auditor expects (GET /audit/public-key, obtained
   *     independently), or null to trust the key in the package's audit bundle
   */
  public static Report verify(Path zip, byte[] pinnedKey) throws IOException {
    PackageZip.Scan scan = PackageZip.scan(zip, Set.of(PackageManifest.MANIFEST, PackageManifest.SIGNATURE));
    List<Problem> problems = new ArrayList<>(scan.problems());
    if (!problems.isEmpty()) return failed(problems);
    byte[] manifestBytes = scan.kept().get(PackageManifest.MANIFEST);
    byte[] signature = scan.kept().get(PackageManifest.SIGNATURE);
    if (manifestBytes == null) problems.add(new Problem(PackageManifest.MANIFEST, "missing from the package"));
    if (signature == null) problems.add(new Problem(PackageManifest.SIGNATURE, "missing from the package"));
    if (!problems.isEmpty()) return failed(problems);

    PackageManifest manifest;
    try {
      manifest = PackageManifest.fromJson(manifestBytes);
    } catch (IllegalArgumentException e) {
      return failed(List.of(new Problem(PackageManifest.MANIFEST, "is not a package manifest: " + e.getMessage())));
    }
    // The audit bundle, copied out of the package to be read as a zip (its entries stream from
    // there), and the key: pinned, or the one that bundle carries.
    Path bundleFile = null;
    BundleZip.Opened bundle = null;
    try {
      if (scan.members().containsKey(manifest.auditBundle())) {
        bundleFile = Files.createTempFile("vigil-verify-", ".zip");
        PackageZip.extract(zip, manifest.auditBundle(), bundleFile);
        bundle = BundleZip.open(bundleFile);
      }
      return verify(manifest, manifestBytes, signature, scan, bundle, pinnedKey);
    } finally {
      if (bundle != null && bundle.bundle() != null) bundle.bundle().close();
      if (bundleFile != null) Files.deleteIfExists(bundleFile);
    }
  }

  private static Report verify(PackageManifest manifest, byte[] manifestBytes, byte[] signature, PackageZip.Scan scan,
      BundleZip.Opened bundle, byte[] pinnedKey) throws IOException {
    List<Problem> problems = new ArrayList<>();
    byte[] key = pinnedKey != null ? pinnedKey : bundleKey(bundle);
    if (key == null) {
      return failed(List.of(new Problem(manifest.auditBundle(),
          "carries no readable public key to check the signature with (pass --key)")));
    }
    String keyId = HexFormat.of().formatHex(SignedNote.keyId(Checkpoint.KEY_NAME, key));
    String note = new String(signature, StandardCharsets.UTF_8);
    if (!SignedNote.verify(note, Checkpoint.KEY_NAME, key)) {
      // Nothing else in the package can be trusted, so nothing else is reported.
      return new Report(null, null, null, null, 0, keyId, null, List.of(new Problem(PackageManifest.SIGNATURE,
          "is not one signature line of " + Checkpoint.KEY_NAME + " that verifies with key " + keyId)));
    }
    PackageNote signed;
    try {
      signed = PackageNote.fromBody(SignedNote.parse(note).body());
    } catch (IllegalArgumentException e) {
      return new Report(null, null, null, null, 0, keyId, null,
          List.of(new Problem(PackageManifest.SIGNATURE, "the signed note is malformed: " + e.getMessage())));
    }
    if (!Sha256.hex(manifestBytes).equals(signed.manifestSha256())) {
      return new Report(null, null, null, null, 0, keyId, null,
          List.of(new Problem(PackageManifest.MANIFEST, "differs from the manifest that was signed")));
    }
    if (!signed.tenantId().equals(manifest.tenantId()) || !signed.reportId().equals(manifest.reportId())) {
      problems.add(new Problem(PackageManifest.MANIFEST, "names another tenant or report than its signature"));
    }

    Set<String> listed = new HashSet<>();
    for (PackageManifest.File f : manifest.files()) {
      if (!listed.add(f.path())) {
        problems.add(new Problem(f.path(), "is listed more than once in the manifest"));
        continue;
      }
      PackageZip.Member m = scan.members().get(f.path());
      if (f.path().equals(PackageManifest.MANIFEST) || f.path().equals(PackageManifest.SIGNATURE)) {
        problems.add(new Problem(f.path(), "is listed in the manifest, which cannot list itself or its signature"));
      } else if (m == null) {
        problems.add(new Problem(f.path(), "is listed in the manifest but missing from the package"));
      } else if (m.bytes() != f.bytes()) {
        problems.add(new Problem(f.path(), "has " + m.bytes() + " bytes, the manifest says " + f.bytes()));
      } else if (!m.sha256().equals(f.sha256())) {
        problems.add(new Problem(f.path(), "has SHA-256 " + m.sha256() + ", the manifest says " + f.sha256()));
      }
    }
    for (String name : scan.members().keySet()) {
      if (!listed.contains(name) && !name.equals(PackageManifest.MANIFEST) && !name.equals(PackageManifest.SIGNATURE)) {
        problems.add(new Problem(name, "is in the package but not in the manifest"));
      }
    }

    BundleVerifier.Report inner = null;
    if (!listed.contains(manifest.auditBundle())) {
      problems.add(new Problem(manifest.auditBundle(), "the audit bundle is not listed in the manifest"));
    } else if (bundle != null) {
      String at = manifest.auditBundle() + ": ";
      bundle.problems().forEach(p -> problems.add(new Problem(at + p.where(), p.reason())));
      if (bundle.problems().isEmpty()) {
        inner = BundleVerifier.verify(bundle.bundle(), key);
        inner.problems().forEach(p -> problems.add(new Problem(at + p.where(), p.reason())));
        if (inner.tenantId() != null && !inner.tenantId().equals(manifest.tenantId())) {
          problems.add(new Problem(manifest.auditBundle(), "is the chain of tenant " + inner.tenantId()
              + ", not of " + manifest.tenantId()));
        }
      }
    }
    return new Report(manifest.tenantId(), manifest.reportId(), manifest.from(), manifest.to(),
        manifest.files().size(), keyId, inner, problems);
  }

  private static byte[] bundleKey(BundleZip.Opened bundle) {
    if (bundle == null || bundle.bundle() == null || !bundle.bundle().has("public-key.json")) return null;
    try (InputStream in = bundle.bundle().open("public-key.json")) {
      JsonNode key = JSON.readTree(in.readNBytes(64 * 1024));
      return Base64.getDecoder().decode(key.path("publicKey").asText());
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }

  private static Report failed(List<Problem> problems) {
    return new Report(null, null, null, null, 0, null, null, List.copyOf(problems));
  }
}
