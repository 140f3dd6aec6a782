package dev.vigil.controls.catalog;

import static dev.vigil.controls.catalog.Durations.between;
import static dev.vigil.controls.catalog.Durations.days;

import dev.vigil.controls.model.Connection;
import dev.vigil.controls.model.TenantKey;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The encryption controls EN-1 to EN-3: stored credentials open only under their own tenant's
 * keyset, keys are rotated, and connections use TLS. Stateless.
 */
public final class EncryptionControls {

  private EncryptionControls() {}

  /** EN-1 to EN-3, in catalog order. */
  public static List<ControlDeclaration> all() {
    return List.of(EN_1, EN_2, EN_3);
  }

  static final ControlDeclaration EN_1 = ControlDeclaration.control("EN-1", "Credentials encrypted per tenant",
      Family.ENCRYPTION).criteria("CC6.1", "C1.1").reads(Fact.CREDENTIALS).examines(Population.CREDENTIALS)
      .triggeredBy("credential.stored", "credential.deleted", "connection.retired", "credentials.reencrypted",
          "keys.created", "keys.rotated")
      .procedure("Opened every stored credential with its own tenant's keyset and its bound associated data,"
          + " without disclosing it, and checked that each decrypts and none is stored in clear.")
      .severity(FindingSeverity.CRITICAL)
      .remediation("Store the credential again so that it is sealed under the tenant's keyset (PUT "
          + "/api/v1/connections/{id}/credential), delete it (DELETE /api/v1/connections/{id}/credential), "
          + "or retire the connection (POST /api/v1/connections/{id}/retire); then find out how a credential "
          + "that does not open got into the store.")
      .notApplicableWhen("no stored credential")
      .evaluates(EncryptionControls::credentialsDecrypt);

  private static Evaluation credentialsDecrypt(Snapshot s, Instant now, ControlParameters p) {
    List<Facts.CredentialCheck> checks = s.credentials();
    List<Deviation> out = new ArrayList<>();
    for (Facts.CredentialCheck c : checks) {
      if (c.decrypts()) continue;
      String key = c.keyId() == null ? "no key" : "key " + c.keyId();
      String problem = c.problem() == null || c.problem().isBlank() ? "no reason recorded" : c.problem();
      out.add(new Deviation(c.connectionId(), "the credential of connection " + c.connectionId() + " ("
          + key + ") does not decrypt: " + problem));
    }
    return RuleControl.found(checks, Facts.CredentialCheck::connectionId, out);
  }

  /** The subject of EN-2's deviation when credentials are stored but the tenant has no primary key. */
  static final String NO_KEYSET = "keyset";

  public static final Parameter<Integer> KEY_MAX_AGE_DAYS = Parameter.whole("keyMaxAgeDays", 365, 1,
      "EN-2: a primary key older than this many days fails");

  // EN-2 reads the stored credentials only to tell a tenant that never needed a keyset (not
  // applicable) from one whose credentials have none to protect them (failing). Every path that
  // stores a credential makes the keyset first (keys.created), so no credential trigger is needed.
  static final ControlDeclaration EN_2 = ControlDeclaration.control("EN-2", "Key rotation", Family.ENCRYPTION)
      .criteria("CC6.1").reads(Fact.KEYS, Fact.CREDENTIALS).examines(Population.KEYS)
      .triggeredBy("keys.created", "keys.rotated")
      .parameters(KEY_MAX_AGE_DAYS)
      .procedure(p -> "Inspected the primary key of the tenant's keyset and checked that it was created no more than "
          + days(p.get(KEY_MAX_AGE_DAYS)) + " before the run, and that there is one whenever a credential is stored.")
      .severity(FindingSeverity.MEDIUM)
      .remediation("Rotate the tenant's keyset (POST /api/v1/keys/rotate; it makes one when none is left), then "
          + "re-encrypt the stored credentials under the new primary key (POST /api/v1/keys/reencrypt).")
      .notApplicableWhen("no keyset and no stored credential")
      .evaluates(EncryptionControls::keyAge);

  private static Evaluation keyAge(Snapshot s, Instant now, ControlParameters p) {
    int n = p.get(KEY_MAX_AGE_DAYS);
    Instant limit = now.minus(Duration.ofDays(n));
    List<TenantKey> primary = s.keys().stream().filter(k -> k.primary() && k.retiredAt() == null).toList();
    List<Deviation> out = new ArrayList<>();
    int stored = s.credentials().size();
    if (primary.isEmpty() && stored > 0) {
      // Keys must exist before credentials can be protected: no key to rotate is no pass.
      out.add(new Deviation(NO_KEYSET, "the tenant has no primary key, yet " + stored
          + (stored == 1 ? " connection holds" : " connections hold") + " a stored credential"));
    }
    for (TenantKey k : primary) {
      if (!k.createdAt().isBefore(limit)) continue;
      out.add(new Deviation(k.keyId(), "primary key " + k.keyId() + " was created " + k.createdAt() + ", "
          + between(k.createdAt(), now) + " before the run; limit " + days(n)));
    }
    return RuleControl.found(primary, TenantKey::keyId, out);
  }

  static final ControlDeclaration EN_3 = ControlDeclaration.control("EN-3", "TLS to every connection",
      Family.ENCRYPTION).criteria("CC6.7").reads(Fact.CONNECTIONS).examines(Population.CONNECTIONS)
      .triggeredBy("connection.created", "connection.updated", "connection.retired")
      .procedure("Inspected the endpoint of every connection not retired and checked that it uses TLS (https or wss).")
      .severity(FindingSeverity.HIGH)
      .remediation("Move the connection to an https or wss endpoint (PATCH /api/v1/connections/{id} with endpoint), "
          + "or retire it (POST /api/v1/connections/{id}/retire).")
      .notApplicableWhen("no connection that is not retired")
      .evaluates(EncryptionControls::tlsEndpoints);

  private static Evaluation tlsEndpoints(Snapshot s, Instant now, ControlParameters p) {
    List<Connection> connections = s.connections();
    List<Deviation> out = new ArrayList<>();
    for (Connection c : connections) {
      String problem = tlsProblem(c.endpoint());
      if (problem != null) {
        out.add(new Deviation(c.id(), "connection " + c.id() + " " + problem));
      }
    }
    return RuleControl.found(connections, Connection::id, out);
  }

  /**
   * Why {@code endpoint} is not TLS, or null when it is. Names only the scheme: an endpoint may
   * carry user info or a token in its query, which a detail must never repeat.
   */
  private static String tlsProblem(String endpoint) {
    if (endpoint == null || endpoint.isBlank()) return "has no endpoint";
    String scheme;
    try {
      scheme = new URI(endpoint.strip()).getScheme();
    } catch (URISyntaxException e) {
      return "has an endpoint that is not a valid URI";
    }
    if (scheme == null) return "has an endpoint without a scheme; expected https or wss";
    String lower = scheme.toLowerCase(Locale.ROOT);
    if (lower.equals("https") || lower.equals("wss")) return null;
    return "has an endpoint using " + lower + ", not https or wss";
  }
}
