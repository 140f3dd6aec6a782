package dev.vigil.collectors.tenancy;

import dev.vigil.collectors.audit.AuditAppender;
import dev.vigil.collectors.audit.AuditData;
import dev.vigil.collectors.db.Ids;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.audit.Sha256;
import dev.vigil.controls.model.User;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Dashboard sessions: starts one when a person signs in, finds it again from the cookie's
 * secret, and ends it on sign-out or expiry. The secret is 256 random bits, stored only as its
 * SHA-256 (as tokens are, {@link TokenSecrets}). A session expires when idle for
 * {@code idle} or older than {@code maxAge}, whichever comes first; its user must still be
 * active, and deactivating a user deletes its sessions ({@link UserStore#update}).
 * Sign-ins, failed sign-ins and sign-outs are audited, never with a password or secret.
 * Thread-safe.
 */
public final class SessionStore {

  /** A session found from its secret, with its user as the user stands now. */
  public record Current(Session session, User user) {}

  /** A session just started and its secret, which only the cookie holds from now on. */
  public record Started(Session session, String secret) {}

  /**
   * A stored session's last-seen time moves only when this much older than now: the idle expiry
   * is this coarse, and a busy page costs no write per request.
   */
  static final Duration TOUCH_EVERY = Duration.ofSeconds(30);

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final Jdbi jdbi;
  private final AuditAppender audit;
  private final Ids ids;
  private final Duration idle;
  private final Duration maxAge;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public SessionStore(Jdbi jdbi, AuditAppender audit, Ids ids, Duration idle, Duration maxAge, Clock clock) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.ids = ids;
    this.idle = idle;
    this.maxAge = maxAge;
    this.clock = clock;
  }

  /** Starts a session for {@code user}, who has just proven its password from {@code address}. */
  public Started signIn(User user, String address) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String secret = B64.encodeToString(bytes);
    Instant now = clock.instant();
    Session session = new Session(user.tenantId(), ids.next("ses"), user.id(), now, now);
    jdbi.useTransaction(h -> {
      SessionDao dao = h.attach(SessionDao.class);
      dao.deleteExpired(user.tenantId(), user.id(), now.minus(idle), now.minus(maxAge));
      dao.insert(session, hash(secret));
      audit.append(h, user.tenantId(), actor(user.id()), "user.signed_in", user.id(),
          AuditData.object().put("sessionId", session.id()).put("address", address));
    });
    return new Started(session, secret);
  }

  /**
   * A failed sign-in to a known account, audited in its tenant: {@code reason} says why
   * ({@code password}, {@code inactive}, {@code throttled}). The actor is the dashboard, not the
   * user: nobody proved to be that user.
   */
  public void signInFailed(String tenantId, String userId, String email, String reason, String address) {
    jdbi.useTransaction(h -> audit.append(h, tenantId, Actor.system("dashboard"), "user.sign_in_failed", userId,
        AuditData.object().put("email", email).put("reason", reason).put("address", address)));
  }

  /**
   * The unexpired session whose secret this is, with its active user; an expired one is deleted.
   * {@code touch} false reads without counting as activity (a page polling for live status).
   */
  public Optional<Current> find(String secret, boolean touch) {
    if (secret == null || secret.isEmpty()) return Optional.empty();
    String hash = hash(secret);
    return jdbi.inTransaction(h -> {
      SessionDao dao = h.attach(SessionDao.class);
      Optional<Session> found = dao.findByHash(hash);
      if (found.isEmpty()) return Optional.empty();
      Session s = found.get();
      Instant now = clock.instant();
      Optional<User> user = h.attach(UserDao.class).find(s.tenantId(), s.userId()).filter(User::active);
      if (user.isEmpty() || expired(s, now)) {
        dao.delete(s.tenantId(), s.id());
        return Optional.empty();
      }
      if (touch && s.lastSeenAt().plus(TOUCH_EVERY).isBefore(now)) {
        dao.touch(s.tenantId(), s.id(), now);
        s = new Session(s.tenantId(), s.id(), s.userId(), s.createdAt(), now);
      }
      return Optional.of(new Current(s, user.get()));
    });
  }

  /** Ends the session whose secret this is, if any; audited as the user's sign-out. */
  public void signOut(String secret) {
    if (secret == null || secret.isEmpty()) return;
    String hash = hash(secret);
    jdbi.useTransaction(h -> {
      SessionDao dao = h.attach(SessionDao.class);
      dao.findByHash(hash).ifPresent(s -> {
        if (dao.delete(s.tenantId(), s.id()) == 1) {
          audit.append(h, s.tenantId(), actor(s.userId()), "user.signed_out", s.userId(),
              AuditData.object().put("sessionId", s.id()));
        }
      });
    });
  }

  /**
   * A token bound to the session, for its forms to carry: derived from the secret (so nothing
   * more is stored) under a label that keeps it apart from the stored hash, so the table does
   * not give it away either.
   */
  public static String csrfToken(String secret) {
    return Sha256.hex("vigil-csrf\0" + secret);
  }

  /** How a signed-in user appears in the audit trail. */
  public static Actor actor(String userId) {
    return new Actor("user", userId);
  }

  private boolean expired(Session s, Instant now) {
    return !s.lastSeenAt().plus(idle).isAfter(now) || !s.createdAt().plus(maxAge).isAfter(now);
  }

  private static String hash(String secret) {
    return Sha256.hex(secret);
  }
}
