package dev.vigil.app.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The data dir holds the database and keys: created readable by its owner only. */
final class DataDirs {

  private DataDirs() {}

  static void create(Path dataDir) throws IOException {
    if (Files.isDirectory(dataDir)) return;
    Files.createDirectories(dataDir);
    try {
      Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
    } catch (UnsupportedOperationException notPosix) {
      // best effort on file systems without POSIX permissions
    }
  }
}
