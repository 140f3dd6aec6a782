package dev.vigil.reports.pack;

import dev.vigil.collectors.io.HandOffStream;
import dev.vigil.controls.audit.Sha256;
import dev.vigil.controls.audit.evidence.PackageManifest;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The package's zip as it is written: each file streamed into its member while its size and
 * SHA-256 are counted, every member dated at one fixed time (in UTC, whatever the machine's
 * zone), so that the same files give the same zip. Not thread-safe.
 */
final class ZipSink implements AutoCloseable {

  /**
   * Deflate's fastest level: a year's package deflates gigabytes of runs and entries, and the
   * default level costs several times the time for a package only somewhat smaller
   * (docs/benchmarks.md, "Type II report", has both measured).
   */
  static final int LEVEL = Deflater.BEST_SPEED;

  private final ZipOutputStream zip;
  private final LocalDateTime time;
  private final List<PackageManifest.File> files = new ArrayList<>();

  ZipSink(OutputStream out, Instant time) {
    this.zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
    zip.setLevel(LEVEL);
    this.time = LocalDateTime.ofInstant(time, ZoneOffset.UTC);
  }

  /** Adds a file that the manifest lists. */
  void add(String path, EvidencePackage.Body body) throws IOException {
    files.add(put(path, body));
  }

  /**
   * Adds a file that the manifest lists and that is compressed already (a zip): deflated at
   * level 0, which copies it in stored blocks, since deflating it again would cost time and gain
   * nothing.
   */
  void addStored(String path, EvidencePackage.Body body) throws IOException {
    zip.setLevel(Deflater.NO_COMPRESSION);
    try {
      add(path, body);
    } finally {
      zip.setLevel(LEVEL);
    }
  }

  /** Adds a file that the manifest does not list (the manifest itself and its signature). */
  void addUnlisted(String path, byte[] bytes) throws IOException {
    put(path, out -> out.write(bytes));
  }

  /** The files added so far with {@link #add}. */
  List<PackageManifest.File> files() {
    return List.copyOf(files);
  }

  private PackageManifest.File put(String path, EvidencePackage.Body body) throws IOException {
    ZipEntry entry = new ZipEntry(path);
    entry.setTimeLocal(time);
    zip.putNextEntry(entry);
    MessageDigest sha = Sha256.digest();
    Counting counted = new Counting(new DigestOutputStream(zip, sha));
    // Deflating, hashing and counting on a thread of their own while the body produces the bytes.
    try (HandOffStream handOff = new HandOffStream(counted, "package " + path)) {
      body.writeTo(handOff);
    }
    zip.closeEntry();
    return new PackageManifest.File(path, counted.count, HexFormat.of().formatHex(sha.digest()));
  }

  @Override
  public void close() throws IOException {
    zip.close();
  }

  /** Counts bytes through to the zip; closing it leaves the zip open. */
  private static final class Counting extends FilterOutputStream {
    long count;

    Counting(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
