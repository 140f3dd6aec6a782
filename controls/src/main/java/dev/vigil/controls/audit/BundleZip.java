package dev.vigil.controls.audit;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Opens an audit bundle's zip strictly: the four files of {@link BundleVerifier#FILES}, each
 * once, and nothing else, as its central directory lists them (what unzip tools read). A zip
 * may hold two members of one name, and tools disagree on which they show; a bundle that
 * verified could then show a reader other content. So a repeated or unknown member is a problem,
 * not something to skip. The files are read from the zip as streams, in any order, so a bundle
 * of any size verifies in bounded memory.
 */
public final class BundleZip implements BundleSource, Closeable {

  /** The bundle, or what was wrong with the zip itself (empty when nothing). */
  public record Opened(BundleZip bundle, List<BundleVerifier.Problem> problems) {}

  private final ZipFile zip;
  private final Map<String, ZipEntry> files;

  private BundleZip(ZipFile zip, Map<String, ZipEntry> files) {
    this.zip = zip;
    this.files = files;
  }

  /** Opens the zip at {@code path}; the caller closes the bundle, when there is one. */
  public static Opened open(Path path) throws IOException {
    ZipFile zip;
    try {
      zip = new ZipFile(path.toFile(), StandardCharsets.UTF_8);
    } catch (ZipException e) {
      return new Opened(null, List.of(new BundleVerifier.Problem(path.toString(), "is not a readable zip: "
          + e.getMessage())));
    }
    Map<String, ZipEntry> files = new HashMap<>();
    List<BundleVerifier.Problem> problems = new ArrayList<>();
    for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
      ZipEntry e = all.nextElement();
      String name = e.getName();
      if (!BundleVerifier.FILES.contains(name)) {
        problems.add(new BundleVerifier.Problem(name, "is not a file of an audit bundle"));
      } else if (files.putIfAbsent(name, e) != null) {
        problems.add(new BundleVerifier.Problem(name, "appears more than once in the zip"));
      }
    }
    if (!problems.isEmpty()) {
      zip.close();
      return new Opened(null, problems);
    }
    return new Opened(new BundleZip(zip, files), List.of());
  }

  @Override
  public boolean has(String file) {
    return files.containsKey(file);
  }

  @Override
  public InputStream open(String file) throws IOException {
    return zip.getInputStream(files.get(file));
  }

  @Override
  public void close() throws IOException {
    zip.close();
  }
}
