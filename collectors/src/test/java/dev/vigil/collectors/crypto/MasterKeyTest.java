package dev.vigil.collectors.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import dev.vigil.collectors.testing.TempDirs;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The key-file side of rotation: a new primary, the primary alone, and files never overwritten. */
class MasterKeyTest {

  final Path dir = TempDirs.create("vigil-master");

  @AfterEach
  void delete() {
    TempDirs.delete(dir);
  }

  @Test
  void writingANewKeyFileOverAnExistingOneRefusesAndLeavesItAsItWas() throws Exception {
    Path file = dir.resolve("master.json");
    MasterKey current = MasterKey.generate(file);
    String before = Files.readString(file);

    assertThatThrownBy(() -> current.withNewPrimary().writeNew(file))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(Files.readString(file)).isEqualTo(before);
  }

  @Test
  void aNewPrimaryKeepsTheOldKeysAndThePrimaryAloneIsOneKey() throws Exception {
    MasterKey current = MasterKey.generate(dir.resolve("master.json"));
    String wrapped = current.encryptKeyset(someKeyset(), "vigil/test");

    Path addedFile = dir.resolve("added.json");
    current.withNewPrimary().writeNew(addedFile);
    MasterKey added = MasterKey.load(addedFile);
    assertThat(added.keyIds()).hasSize(2).startsWith(current.primaryKeyId()).contains(added.primaryKeyId());
    assertThat(added.primaryKeyId()).isNotEqualTo(current.primaryKeyId());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(addedFile))).isEqualTo("rw-------");
    // The added keyset still opens what the old one wrapped, and wraps under its new primary.
    added.decryptKeyset(wrapped, "vigil/test");
    String rewrapped = added.encryptKeyset(added.decryptKeyset(wrapped, "vigil/test"), "vigil/test");

    MasterKey alone = added.primaryOnly();
    assertThat(alone.keyIds()).containsExactly(added.primaryKeyId());
    alone.decryptKeyset(rewrapped, "vigil/test");
    assertThatThrownBy(() -> alone.decryptKeyset(wrapped, "vigil/test"))
        .isInstanceOf(java.security.GeneralSecurityException.class);
  }

  private static KeysetHandle someKeyset() throws Exception {
    return KeysetHandle.generateNew(PredefinedAeadParameters.AES128_GCM);
  }
}
