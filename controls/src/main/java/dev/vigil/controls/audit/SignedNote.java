package dev.vigil.controls.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The C2SP signed-note text format with Ed25519 signatures (c2sp.org/signed-note).
 *
 * <pre>
 * &lt;body lines, each ending in \n&gt;
 * \n
 * — &lt;key name&gt; &lt;base64(key id (4 bytes) || signature (64 bytes))&gt;\n
 * </pre>
 *
 * The signature covers the body bytes exactly. The key id is the first four bytes of
 * {@code SHA-256(key name || 0x0A || 0x01 || public key)}, 0x01 naming Ed25519. Verification
 * uses the JDK's own Ed25519, so any verifier needs nothing but this class. Stateless.
 */
public final class SignedNote {

  private static final String DASH = "\u2014 ";
  private static final byte ED25519 = 0x01;
  private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

  /** A parsed note: its body and its signature lines' key names and (key id || signature) bytes. */
  public record Parsed(String body, List<Line> signatures) {}

  /** One signature line. */
  public record Line(String keyName, byte[] keyIdAndSignature) {}

  private SignedNote() {}

  /** The 4-byte key id of an Ed25519 key, per the signed-note spec. */
  public static byte[] keyId(String keyName, byte[] publicKey) {
    MessageDigest sha = Sha256.digest();
    sha.update(keyName.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0x0A);
    sha.update(ED25519);
    sha.update(publicKey);
    return Arrays.copyOf(sha.digest(), 4);
  }

  /** The full note text: {@code body}, a blank line, and one signature line. */
  public static String format(String body, String keyName, byte[] publicKey, byte[] signature) {
    if (!body.endsWith("\n")) throw new IllegalArgumentException("a note body ends with a newline");
    if (signature.length != 64) throw new IllegalArgumentException("an Ed25519 signature is 64 bytes");
    byte[] sig = new byte[68];
    System.arraycopy(keyId(keyName, publicKey), 0, sig, 0, 4);
    System.arraycopy(signature, 0, sig, 4, 64);
    return body + "\n" + DASH + keyName + " " + Base64.getEncoder().encodeToString(sig) + "\n";
  }

  /** Splits a note into body and signature lines; throws on a malformed note. */
  public static Parsed parse(String note) {
    int split = note.lastIndexOf("\n\n");
    if (split < 0) throw new IllegalArgumentException("no blank line between body and signatures");
    String body = note.substring(0, split + 1);
    String rest = note.substring(split + 2);
    if (!rest.endsWith("\n")) throw new IllegalArgumentException("the note does not end with a newline");
    List<Line> lines = new ArrayList<>();
    for (String line : rest.substring(0, rest.length() - 1).split("\n", -1)) {
      if (!line.startsWith(DASH)) throw new IllegalArgumentException("a signature line starts with an em dash");
      String[] parts = line.substring(DASH.length()).split(" ");
      if (parts.length != 2) throw new IllegalArgumentException("a signature line is: name signature");
      byte[] sig;
      try {
        sig = Base64.getDecoder().decode(parts[1]);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("a signature is not base64");
      }
      // Only the canonical encoding: otherwise the spare bits of the last character could be
      // changed without changing the signature, and a note would have several spellings.
      if (!Base64.getEncoder().encodeToString(sig).equals(parts[1])) {
        throw new IllegalArgumentException("a signature is not in canonical base64");
      }
      if (sig.length < 5) throw new IllegalArgumentException("a signature is too short");
      lines.add(new Line(parts[0], sig));
    }
    return new Parsed(body, lines);
  }

  /**
   * Whether {@code note} is signed by {@code keyName} with {@code publicKey} and by nothing else:
   * exactly one signature line, naming that key, with its key id, verifying over the body.
   * Vigil signs each note once, so any other line (a second signature, another key, a line that
   * fails before one that verifies) is refused rather than skipped: a verifier that skipped
   * lines would accept many spellings of one signed statement and could be shown a failing
   * signature it never reports. Returns false (never throws) for malformed notes.
   */
  public static boolean verify(String note, String keyName, byte[] publicKey) {
    Parsed parsed;
    try {
      parsed = parse(note);
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (parsed.signatures().size() != 1) return false;
    Line line = parsed.signatures().get(0);
    byte[] sig = line.keyIdAndSignature();
    return line.keyName().equals(keyName) && sig.length == 68
        && Arrays.equals(Arrays.copyOf(sig, 4), keyId(keyName, publicKey))
        && ed25519Verify(publicKey, parsed.body().getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(sig, 4, 68));
  }

  /** Checks a raw Ed25519 signature with the JDK's provider. */
  public static boolean ed25519Verify(byte[] publicKey, byte[] message, byte[] signature) {
    try {
      byte[] x509 = new byte[X509_PREFIX.length + 32];
      if (publicKey.length != 32) return false;
      System.arraycopy(X509_PREFIX, 0, x509, 0, X509_PREFIX.length);
      System.arraycopy(publicKey, 0, x509, X509_PREFIX.length, 32);
      PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(key);
      verifier.update(message);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
