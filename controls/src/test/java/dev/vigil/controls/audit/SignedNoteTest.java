package dev.vigil.controls.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.EdECPublicKey;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SignedNoteTest {

  private static final String BODY = "vigil/audit/ten_1\n3\nq83vEjRWeJA=\ntime 2026-11-26T12:00:00.000Z\n";

  private KeyPair pair;
  private byte[] publicKey;
  private String note;

  @BeforeEach
  void signBody() throws Exception {
    pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    byte[] encoded = pair.getPublic().getEncoded();
    publicKey = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    Signature signer = Signature.getInstance("Ed25519");
    signer.initSign(pair.getPrivate());
    signer.update(BODY.getBytes(StandardCharsets.UTF_8));
    note = SignedNote.format(BODY, "vigil-audit", publicKey, signer.sign());
  }

  @Test
  void aSignatureSpelledWithOtherSpareBitsIsRejected() {
    assertThat(SignedNote.verify(note, "vigil-audit", publicKey)).isTrue();
    assertThat(pair.getPublic()).isInstanceOf(EdECPublicKey.class);

    // 68 bytes encode to 92 characters ending "="; the last data character carries 2 spare bits.
    assertThat(note).endsWith("=\n");
    int last = note.lastIndexOf('=') - 1;
    char c = note.charAt(last);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    char sameBits = alphabet.charAt(alphabet.indexOf(c) ^ 1);
    String respelled = note.substring(0, last) + sameBits + note.substring(last + 1);
    assertThat(Base64.getDecoder().decode(respelled.substring(respelled.lastIndexOf(' ') + 1).strip()))
        .as("the respelled signature decodes to the same bytes")
        .isEqualTo(Base64.getDecoder().decode(note.substring(note.lastIndexOf(' ') + 1).strip()));
    assertThat(SignedNote.verify(respelled, "vigil-audit", publicKey)).isFalse();
  }

  @Test
  void aNoteWithAnyLineBesidesItsOneSignatureIsRefused() {
    String valid = note.substring(note.lastIndexOf("\n\n") + 2);
    String failing = "\u2014 vigil-audit " + Base64.getEncoder().encodeToString(new byte[68]) + "\n";
    String otherKey = "\u2014 witness " + Base64.getEncoder().encodeToString(new byte[68]) + "\n";

    assertThat(SignedNote.verify(BODY + "\n" + failing + valid, "vigil-audit", publicKey))
        .as("a failing line of our key before the valid one").isFalse();
    assertThat(SignedNote.verify(BODY + "\n" + valid + otherKey, "vigil-audit", publicKey))
        .as("another key's line after the valid one").isFalse();
    assertThat(SignedNote.verify(BODY + "\n" + valid + valid, "vigil-audit", publicKey))
        .as("the valid line twice").isFalse();
    assertThat(SignedNote.verify(note, "witness", publicKey)).as("another key name").isFalse();
    assertThat(SignedNote.verify(note, "vigil-audit", publicKey)).isTrue();
  }
}
