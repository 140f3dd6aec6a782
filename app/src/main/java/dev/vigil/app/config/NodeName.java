package dev.vigil.app.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A node's name that lasts across its restarts: made once, at random, and kept in its data
 * dir ({@code node-name}), which no two nodes share. Work a node claimed in the shared database
 * (a report it generates) is known as its own again when it comes back.
 */
public final class NodeName {

  static final String FILE = "node-name";

  private NodeName() {}

  public static String of(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    try {
      DataDirs.create(dataDir);
      if (!Files.exists(file)) {
        byte[] random = new byte[8];
        new SecureRandom().nextBytes(random);
        try {
          Files.writeString(file, "node-" + HexFormat.of().formatHex(random), StandardCharsets.UTF_8,
              StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException raced) {
          // another process on the same data dir wrote it first: use that one
        }
      }
      String name = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (name.isEmpty() || name.length() > 100) {
        throw new IllegalStateException(file + " must hold this node's name (1 to 100 characters)");
      }
      return name;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read or write the node name in " + file, e);
    }
  }
}
