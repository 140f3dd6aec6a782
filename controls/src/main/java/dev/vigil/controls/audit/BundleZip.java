package dev.vigil.controls.audit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads an audit bundle's zip strictly: the four files of {@link BundleVerifier#FILES}, each
 * once, and nothing else. A zip may hold two members of one name, and tools disagree on which
 * they show (this reader would keep the last, common unzip tools extract the first); a bundle
 * that verified could then show a reader other content. So a repeated or unknown member is a
 * problem, not something to skip. Stateless.
 */
public final class BundleZip {

  /** The files read, and what was wrong with the zip itself (empty when nothing). */
  public record Read(BundleVerifier.Contents contents, List<BundleVerifier.Problem> problems) {}

  private BundleZip() {}

  public static Read read(InputStream in) throws IOException {
    Map<String, byte[]> files = new HashMap<>();
    List<BundleVerifier.Problem> problems = new ArrayList<>();
    try (ZipInputStream zip = new ZipInputStream(in, StandardCharsets.UTF_8)) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        String name = e.getName();
        if (!BundleVerifier.FILES.contains(name)) {
          problems.add(new BundleVerifier.Problem(name, "is not a file of an audit bundle"));
        } else if (files.containsKey(name)) {
          problems.add(new BundleVerifier.Problem(name, "appears more than once in the zip"));
        } else {
          files.put(name, zip.readAllBytes());
        }
      }
    }
    List<String> names = BundleVerifier.FILES;
    return new Read(new BundleVerifier.Contents(files.get(names.get(0)), files.get(names.get(1)),
        files.get(names.get(2)), files.get(names.get(3))), problems);
  }
}
