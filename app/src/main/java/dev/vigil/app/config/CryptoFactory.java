package dev.vigil.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vigil.collectors.crypto.MasterKey;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master key that encrypts tenant keysets ({@code VIGIL_MASTER_KEY_FILE}). Production
 * names a Tink AEAD keyset file kept outside the data dir and the database; without one, a
 * key is generated in the data dir with a loud warning, which is fine for a laptop only.
 */
public final class CryptoFactory {

  private static final Logger LOG = LoggerFactory.getLogger(CryptoFactory.class);
  static final String GENERATED = "master-key.json";

  @JsonProperty
  private String masterKeyFile = "";

  /** The key file the server reads: the configured one, else the one generated in the data dir. */
  public Path file(Path dataDir) {
    return configured() ? Path.of(masterKeyFile) : dataDir.resolve(GENERATED);
  }

  private boolean configured() {
    return masterKeyFile != null && !masterKeyFile.isBlank();
  }

  public MasterKey build(Path dataDir) {
    Path file = file(dataDir);
    if (configured()) {
      if (!Files.isRegularFile(file)) {
        throw new IllegalStateException("VIGIL_MASTER_KEY_FILE names " + file + ", which does not exist");
      }
      return MasterKey.load(file);
    }
    if (Files.exists(file)) {
      LOG.warn("Using the master key generated in the data dir ({}). Production must supply its own "
          + "with VIGIL_MASTER_KEY_FILE, kept apart from the data and the database.", file.toAbsolutePath());
      return MasterKey.load(file);
    }
    try {
      DataDirs.create(dataDir);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot create the data dir " + dataDir, e);
    }
    LOG.warn("""

        ******************************************************************************
        * No VIGIL_MASTER_KEY_FILE: generated a master key at
        *   {}
        * It encrypts every tenant's keyset. Anyone who has this file and the database
        * can read every stored credential. Production MUST supply its own key file,
        * stored apart from the data dir and the database backups.
        ******************************************************************************""",
        file.toAbsolutePath());
    return MasterKey.generate(file);
  }
}
