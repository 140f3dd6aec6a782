package dev.vigil.reports.oscal;

import dev.vigil.reports.period.Period;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.UUID;

/**
 * The UUIDs of one report's OSCAL objects: name-based (RFC 4122 version 5, SHA-1) in Vigil's
 * namespace, named {@code reportId + "\n" + from + "\n" + to + "\n" + role}, the role saying
 * which object ("observation/AC-1/run-summary"). So generating the same report again gives the
 * same UUIDs, and another report or period gives others. Version 5 rather than 3 because the
 * OSCAL schema accepts only versions 4 and 5.
 */
public record StableUuid(String reportId, Period period) {

  /** Vigil's namespace for OSCAL UUIDs: fixed once, never to change, or every UUID would. */
  static final UUID NAMESPACE = UUID.fromString("6c1f4f0e-3b8a-5d2e-9a57-0d3c7e1b2a44");

  public StableUuid {
    Objects.requireNonNull(reportId, "reportId");
    Objects.requireNonNull(period, "period");
  }

  /** The UUID of the object playing {@code role} in this report. */
  public String of(String role) {
    return v5(NAMESPACE, reportId + "\n" + period.from() + "\n" + period.to() + "\n" + role).toString();
  }

  /** RFC 4122 section 4.3: SHA-1 of the namespace's 16 bytes and the name's UTF-8, version and variant set. */
  static UUID v5(UUID namespace, String name) {
    MessageDigest sha1;
    try {
      sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-1", e);
    }
    sha1.update(ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits())
        .putLong(namespace.getLeastSignificantBits()).array());
    byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
    hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
    hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
    ByteBuffer b = ByteBuffer.wrap(hash, 0, 16);
    return new UUID(b.getLong(), b.getLong());
  }
}
