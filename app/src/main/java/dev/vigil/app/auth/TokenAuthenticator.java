package dev.vigil.app.auth;

import dev.vigil.collectors.tenancy.TokenStore;
import io.dropwizard.auth.Authenticator;
import java.util.Optional;

/** Resolves a bearer token to its {@link Caller}; an unknown or revoked token is no one. */
public final class TokenAuthenticator implements Authenticator<String, Caller> {

  private final TokenStore tokens;

  public TokenAuthenticator(TokenStore tokens) {
    this.tokens = tokens;
  }

  @Override
  public Optional<Caller> authenticate(String token) {
    return tokens.authenticate(token).map(Caller::of);
  }
}
