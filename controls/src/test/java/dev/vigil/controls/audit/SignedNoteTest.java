package dev.vigil.controls.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.EdECPublicKey;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SignedNoteTest {

  @Test
  void aSignatureSpelledWithOtherSpareBitsIsRejected() throws Exception {
    var pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    byte[] encoded = pair.getPublic().getEncoded();
    byte[] publicKey = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    String body = "vigil/audit/ten_1\n3\nq83vEjRWeJA=\ntime 2026-11-26T12:00:00.000Z\n";
    Signature signer = Signature.getInstance("Ed25519");
    signer.initSign(pair.getPrivate());
    signer.update(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String note = SignedNote.format(body, "vigil-audit", publicKey, signer.sign());
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
}
