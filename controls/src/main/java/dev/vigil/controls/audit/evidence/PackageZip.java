package dev.vigil.controls.audit.evidence;

import dev.vigil.controls.audit.BundleVerifier.Problem;
import dev.vigil.controls.audit.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads an evidence package's zip strictly, streaming: each member's size and SHA-256, computed
 * as it passes, and the bytes of the few small members asked for. A member that appears twice,
 * or a directory, is a problem rather than something to skip: zip tools disagree on which copy
 * of a repeated name they show, so a package that verified could show a reader other content.
 * Members can be large (a year of runs), so only the members asked for are held. Stateless.
 */
final class PackageZip {

  /** One member as read: size and hex SHA-256. */
  record Member(long bytes, String sha256) {}

  /** Every member in zip order, the bytes of the members asked for, and what was wrong with the zip. */
  record Scan(Map<String, Member> members, Map<String, byte[]> kept, List<Problem> problems) {}

  private PackageZip() {}

  static Scan scan(Path zip, Set<String> keep) throws IOException {
    Map<String, Member> members = new LinkedHashMap<>();
    Map<String, byte[]> kept = new LinkedHashMap<>();
    List<Problem> problems = new ArrayList<>();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip), StandardCharsets.UTF_8)) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        String name = e.getName();
        if (e.isDirectory()) {
          problems.add(new Problem(name, "is a directory entry; a package holds only files"));
        } else if (members.containsKey(name)) {
          problems.add(new Problem(name, "appears more than once in the zip"));
        } else if (keep.contains(name)) {
          byte[] bytes = in.readAllBytes();
          kept.put(name, bytes);
          members.put(name, new Member(bytes.length, Sha256.hex(bytes)));
        } else {
          members.put(name, digest(in));
        }
      }
    }
    return new Scan(members, kept, problems);
  }

  /**
   * Copies one member to {@code target} (after {@link #scan} found it exactly once): a year's
   * audit bundle is hundreds of megabytes, read from the copy as a zip of its own.
   */
  static void extract(Path zip, String name, Path target) throws IOException {
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip), StandardCharsets.UTF_8)) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        if (e.getName().equals(name)) {
          Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          return;
        }
      }
    }
    throw new IOException(name + " is not in " + zip);
  }

  private static Member digest(InputStream in) throws IOException {
    MessageDigest sha = Sha256.digest();
    DigestInputStream digesting = new DigestInputStream(in, sha);
    byte[] buffer = new byte[64 * 1024];
    long size = 0;
    for (int n = digesting.read(buffer); n >= 0; n = digesting.read(buffer)) size += n;
    return new Member(size, HexFormat.of().formatHex(sha.digest()));
  }
}
