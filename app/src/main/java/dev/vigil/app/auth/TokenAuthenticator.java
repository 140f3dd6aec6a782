package dev.vigil.app.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.vigil.collectors.decisions.DecisionView;
import dev.vigil.collectors.tenancy.TokenSecrets;
import dev.vigil.collectors.tenancy.TokenStore;
import io.dropwizard.auth.Authenticator;
import java.util.Optional;

/**
 * Resolves a bearer token to its {@link Caller}; an unknown or revoked token is no one.
 *
 * <p>Calls to {@link RecheckedAtCommit} methods are answered from memory while the token's
 * entry is as new as the newest policy version the node's decision view has seen for its
 * tenant; their store re-checks the token at commit if the version moved, so a token revoked
 * meanwhile records no allow. Other calls always read the database. Entries are keyed by the
 * token's hash, never the token. Thread-safe.
 */
public final class TokenAuthenticator implements Authenticator<Bearer, Caller> {

  /** Tokens held in memory; each is a few hundred bytes. */
  static final int MAX_TOKENS = 10_000;

  private final TokenStore tokens;
  private final DecisionView view;
  private final Cache<String, TokenStore.Authenticated> held =
      Caffeine.newBuilder().maximumSize(MAX_TOKENS).build();

  public TokenAuthenticator(TokenStore tokens, DecisionView view) {
    this.tokens = tokens;
    this.view = view;
  }

  @Override
  public Optional<Caller> authenticate(Bearer bearer) {
    if (!bearer.rechecked()) return tokens.authenticateAt(bearer.token()).map(Caller::of);
    String hash = TokenSecrets.hash(bearer.token());
    TokenStore.Authenticated known = held.getIfPresent(hash);
    if (known != null && known.policyVersion() >= view.newest(known.token().tenantId())) {
      return Optional.of(Caller.of(known));
    }
    Optional<TokenStore.Authenticated> read = tokens.authenticateAt(bearer.token());
    read.ifPresentOrElse(a -> held.put(hash, a), () -> held.invalidate(hash));
    return read.map(Caller::of);
  }
}
