package dev.vigil.collectors.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;

/**
 * The master key: a Tink AES256-GCM keyset in a JSON file outside the database. It only
 * encrypts other keys (tenant keysets, the checkpoint signing key), always with associated
 * data naming what it protects. Thread-safe.
 */
public final class MasterKey {

  private final Aead aead;

  private MasterKey(KeysetHandle keyset) throws GeneralSecurityException {
    this.aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
  }

  /** Reads the master keyset from {@code file}. */
  public static MasterKey load(Path file) {
    register();
    try {
      String json = Files.readString(file, StandardCharsets.UTF_8);
      return new MasterKey(TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get()));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the master key file " + file + ": " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the master key file " + file + " is not a Tink AEAD keyset", e);
    }
  }

  /**
   * Writes a new master keyset to {@code file} (readable by its owner only) and returns it;
   * refuses to overwrite an existing file.
   */
  public static MasterKey generate(Path file) {
    register();
    try {
      KeysetHandle keyset = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
      String json = TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, json, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // best effort on file systems without POSIX permissions
      }
      return new MasterKey(keyset);
    } catch (FileAlreadyExistsException e) {
      return load(file);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the master key file " + file + ": " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a master key", e);
    }
  }

  /** Registers Tink's AEAD key types; idempotent. */
  static void register() {
    try {
      AeadConfig.register();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot register Tink AEAD", e);
    }
  }

  /** Encrypts a keyset for storage; {@code purpose} is bound as associated data. */
  public String encryptKeyset(KeysetHandle keyset, String purpose) throws GeneralSecurityException {
    return TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(keyset, aead,
        purpose.getBytes(StandardCharsets.UTF_8));
  }

  /** Decrypts a keyset stored with {@link #encryptKeyset} for the same purpose. */
  public KeysetHandle decryptKeyset(String encrypted, String purpose) throws GeneralSecurityException {
    return TinkJsonProtoKeysetFormat.parseEncryptedKeyset(encrypted, aead,
        purpose.getBytes(StandardCharsets.UTF_8));
  }

  /** Whether the key encrypts and decrypts a random probe: for the health check. */
  public boolean selfTest() {
    try {
      byte[] probe = new byte[16];
      new java.security.SecureRandom().nextBytes(probe);
      byte[] ad = "vigil/health".getBytes(StandardCharsets.UTF_8);
      return java.util.Arrays.equals(probe, aead.decrypt(aead.encrypt(probe, ad), ad));
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  Aead aead() {
    return aead;
  }
}
