package dev.vigil.collectors.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

/**
 * The master key: a Tink AES256-GCM keyset in a JSON file outside the database. It only
 * encrypts other keys (tenant keysets, the checkpoint signing key), always with associated
 * data naming what it protects. The keyset may hold several keys while it is rotated
 * ({@link MasterKeyRotation}): it encrypts under its primary and decrypts under any of them.
 * Thread-safe.
 */
public final class MasterKey {

  private final KeysetHandle keyset;
  private final Aead aead;

  private MasterKey(KeysetHandle keyset) throws GeneralSecurityException {
    this.keyset = keyset;
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
   * an existing file is read instead, never overwritten.
   */
  public static MasterKey generate(Path file) {
    register();
    try {
      MasterKey fresh = new MasterKey(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM));
      fresh.writeNew(file);
      return fresh;
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

  /**
   * Writes this keyset to {@code file}, which must not exist yet: it is created readable and
   * writable by its owner only before a byte of key goes into it.
   *
   * @throws FileAlreadyExistsException when {@code file} exists; it is left as it was
   */
  public void writeNew(Path file) throws IOException {
    String json;
    try {
      json = TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot serialize the master keyset", e);
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) Files.createDirectories(parent);
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      // best effort on file systems without POSIX permissions
      Files.createFile(file);
    }
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(json);
    } catch (IOException e) {
      // a half-written key file must not be mistaken for a key later
      Files.deleteIfExists(file);
      throw e;
    }
  }

  /** This keyset plus a fresh AES256-GCM key made its primary; the old keys still decrypt. */
  public MasterKey withNewPrimary() {
    try {
      return new MasterKey(KeysetHandle.newBuilder(keyset)
          .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
              .withRandomId().makePrimary())
          .build());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot add a key to the master keyset", e);
    }
  }

  /** A keyset holding only this one's primary key: what remains once nothing needs the others. */
  public MasterKey primaryOnly() {
    try {
      KeysetHandle.Builder builder = KeysetHandle.newBuilder(keyset);
      for (int i = builder.size() - 1; i >= 0; i--) {
        if (!builder.getAt(i).isPrimary()) builder.deleteAt(i);
      }
      return new MasterKey(builder.build());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build the primary-only master keyset", e);
    }
  }

  /** The id of the primary key, which encrypts; ids name keys without revealing them. */
  public long primaryKeyId() {
    return Integer.toUnsignedLong(keyset.getPrimary().getId());
  }

  /** The ids of every key in the keyset, in keyset order. */
  public List<Long> keyIds() {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < keyset.size(); i++) ids.add(Integer.toUnsignedLong(keyset.getAt(i).getId()));
    return List.copyOf(ids);
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
