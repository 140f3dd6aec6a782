package dev.vigil.app.cli;

import dev.vigil.controls.audit.BundleVerifier;
import dev.vigil.controls.audit.BundleZip;
import dev.vigil.controls.audit.evidence.PackageVerifier;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code verify FILE.zip [--key BASE64]}: checks an audit export, or a report's evidence package
 * (told apart by its {@code manifest.sig}), offline, with no config and no database. Prints a
 * summary and every problem; exits 0 only when everything verifies. {@code --key} pins the
 * public key obtained from GET /audit/public-key.
 */
public final class VerifyCommand extends Command {

  public VerifyCommand() {
    super("verify", "Verifies an audit export bundle or a report's evidence package offline");
  }

  @Override
  public void configure(Subparser subparser) {
    subparser.addArgument("bundle").required(true)
        .help("the zip from GET /api/v1/audit/export, or a report's evidence.zip");
    subparser.addArgument("--key").help("the expected Ed25519 public key, base64 (GET /api/v1/audit/public-key)");
    subparser.addArgument("--trusted-checkpoints").metavar("FILE")
        .help("checkpoints saved earlier (a bundle's checkpoints.jsonl, GET /api/v1/audit/checkpoints, or a "
            + "checkpoint sink's <tenantId>.notes file): the "
            + "bundle's chain must agree with each");
  }

  @Override
  public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
    Path bundle = Path.of(namespace.getString("bundle"));
    if (!Files.isRegularFile(bundle)) throw new VerificationFailed("no such file: " + bundle);
    String key = namespace.getString("key");
    byte[] pinned = null;
    if (key != null) {
      try {
        pinned = Base64.getDecoder().decode(key.strip());
      } catch (IllegalArgumentException e) {
        throw new VerificationFailed("--key is not base64 (pass the publicKey of GET /api/v1/audit/public-key)");
      }
    }
    List<String> trusted = List.of();
    String trustedFile = namespace.getString("trusted_checkpoints");
    if (trustedFile != null) {
      if (PackageVerifier.isPackage(bundle)) {
        throw new VerificationFailed("--trusted-checkpoints checks an audit bundle; give it the package's "
            + "audit/bundle.zip");
      }
      trusted = SavedCheckpoints.notes(Path.of(trustedFile));
    }
    int problems = check(bundle, pinned, trusted, System.out);
    if (problems > 0) throw new VerificationFailed(problems + " problem(s) found");
  }

  /**
   * Verifies an evidence package or an audit bundle, whichever the file is, prints the result,
   * and returns the number of problems.
   */
  static int check(Path file, byte[] pinnedKey, List<String> trusted, PrintStream out) throws IOException {
    if (isZip(file) && PackageVerifier.isPackage(file)) {
      PackageVerifier.Report report = PackageVerifier.verify(file, pinnedKey);
      print(report, pinnedKey != null, out);
      return report.problems().size();
    }
    BundleVerifier.Report report = verify(file, pinnedKey, trusted);
    print(report, pinnedKey != null, out);
    return report.problems().size();
  }

  /** Reads the zip and verifies it. */
  public static BundleVerifier.Report verify(Path bundle, byte[] pinnedKey) throws IOException {
    return verify(bundle, pinnedKey, List.of());
  }

  /** Reads the zip and verifies it, also against saved checkpoints' signed notes. */
  public static BundleVerifier.Report verify(Path bundle, byte[] pinnedKey, List<String> trusted) throws IOException {
    if (!isZip(bundle)) {
      return new BundleVerifier.Report(null, 0, 0, 0, 0, null,
          List.of(new BundleVerifier.Problem(bundle.toString(), "is not a zip file")));
    }
    BundleZip.Opened opened = BundleZip.open(bundle);
    if (!opened.problems().isEmpty()) return new BundleVerifier.Report(null, 0, 0, 0, 0, null, opened.problems());
    try (BundleZip zip = opened.bundle()) {
      return BundleVerifier.verify(zip, pinnedKey, trusted);
    }
  }

  private static boolean isZip(Path file) throws IOException {
    return Files.size(file) >= 4 && Arrays.equals(readMagic(file), new byte[] {'P', 'K', 3, 4});
  }

  private static byte[] readMagic(Path file) throws IOException {
    try (var in = Files.newInputStream(file)) {
      return in.readNBytes(4);
    }
  }

  /** The summary, when the bundle could be read at all, then the verdict. */
  static void print(BundleVerifier.Report r, boolean pinned, PrintStream out) {
    if (r.tenantId() != null) {
      out.println("tenant:      " + r.tenantId());
      out.println("range:       " + (r.entries() == 0 ? "no entries" : "seq " + r.fromSeq() + " to " + r.toSeq()));
      out.println("entries:     " + r.entries());
      out.println("checkpoints: " + r.checkpoints());
      out.println("signing key: " + key(r.keyId(), pinned));
    }
    verdict(r.problems(), "every entry chains and every checkpoint verifies", out);
  }

  /** The key id, and how it was checked: against the key given with --key (a mismatch is a problem below), or not. */
  private static String key(String keyId, boolean pinned) {
    return keyId + (pinned ? " (checked against the key given with --key)"
        : " (compare with GET /api/v1/audit/public-key, or pin it with --key)");
  }

  /** The summary, when the manifest could be read, then the verdict. */
  static void print(PackageVerifier.Report r, boolean pinned, PrintStream out) {
    out.println("evidence package");
    if (r.tenantId() != null) {
      out.println("tenant:       " + r.tenantId());
      out.println("report:       " + r.reportId());
      out.println("period:       " + r.from() + " to " + r.to() + " (exclusive)");
      out.println("files:        " + r.files());
      BundleVerifier.Report b = r.bundle();
      if (b != null) {
        out.println("audit bundle: seq " + b.fromSeq() + " to " + b.toSeq() + ", " + b.entries() + " entries, "
            + b.checkpoints() + " checkpoints");
      }
      out.println("signing key:  " + key(r.keyId(), pinned));
    }
    verdict(r.problems(), "the manifest's signature, every file's size and SHA-256, and the audit bundle verify", out);
  }

  private static void verdict(List<BundleVerifier.Problem> problems, String whatVerified, PrintStream out) {
    if (problems.isEmpty()) {
      out.println("OK: " + whatVerified);
    } else {
      out.println("FAILED: " + problems.size() + " problem(s)");
      problems.forEach(p -> out.println("  " + p));
    }
  }

  @Override
  public void onError(Cli cli, Namespace namespace, Throwable e) {
    cli.getStdErr().println("verify: " + e.getMessage());
  }

  /** Verification found problems: exit 1 without a stack trace. */
  static final class VerificationFailed extends Exception {
    VerificationFailed(String message) {
      super(message, null, false, false);
    }
  }
}
