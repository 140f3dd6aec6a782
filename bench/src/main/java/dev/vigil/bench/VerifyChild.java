package dev.vigil.bench;

import dev.vigil.app.cli.VerifyCommand;
import dev.vigil.controls.audit.BundleVerifier;
import dev.vigil.controls.audit.Sha256;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;

/**
 * The process {@code bench-audit} times {@code vigil verify} in, with the heap under test:
 * rounds of raw SHA-256 over the bundle's entries file (extracted beforehand, so in the page
 * cache) alternating with rounds of the verifier over the zip, then the peak heap. Arguments:
 * bundle zip, extracted entries file, rounds.
 */
public final class VerifyChild {

  private VerifyChild() {}

  public static void main(String[] args) throws Exception {
    Path bundle = Path.of(args[0]);
    Path entries = Path.of(args[1]);
    int rounds = Integer.parseInt(args[2]);
    for (int round = 1; round <= rounds; round++) {
      long t0 = System.nanoTime();
      String raw = sha256(entries);
      double rawSeconds = (System.nanoTime() - t0) / 1e9;
      t0 = System.nanoTime();
      BundleVerifier.Report report = VerifyCommand.verify(bundle, null, List.of());
      double verifySeconds = (System.nanoTime() - t0) / 1e9;
      if (!report.ok()) throw new IllegalStateException("the bundle does not verify: " + report.problems());
      System.out.printf("  round %d: raw SHA-256 %.2f s (%s...), verify %.2f s, %,.0f entries/s, %.3fx raw SHA-256%n",
          round, rawSeconds, raw.substring(0, 12), verifySeconds, report.entries() / verifySeconds,
          rawSeconds / verifySeconds);
    }
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
    }
    System.out.printf("  verify process: heap peak %,d MB (sum of the heap pools' peaks) of %,d MB max; "
        + "resident peak %s%n", peak >> 20, Runtime.getRuntime().maxMemory() >> 20, residentPeak());
  }

  private static String sha256(Path file) throws Exception {
    MessageDigest sha = Sha256.digest();
    byte[] buffer = new byte[1 << 20];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) sha.update(buffer, 0, n);
    }
    return java.util.HexFormat.of().formatHex(sha.digest());
  }

  /** VmHWM of /proc/self/status: the most memory the process held resident. */
  private static String residentPeak() throws Exception {
    Path status = Path.of("/proc/self/status");
    if (!Files.exists(status)) return "unknown";
    return Files.readAllLines(status).stream().filter(l -> l.startsWith("VmHWM:"))
        .map(l -> l.substring(6).strip()).findFirst().orElse("unknown");
  }
}
