package dev.vigil.app.auth;

/**
 * A bearer token as presented, and whether the endpoint it calls re-checks it when it commits
 * ({@link RecheckedAtCommit}): only such calls may be authenticated from memory.
 */
public record Bearer(String token, boolean rechecked) {

  @Override
  public String toString() {
    return "Bearer[rechecked=" + rechecked + "]";
  }
}
