package dev.vigil.app.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource method whose store re-checks the caller's token, inside the transaction
 * that records the call, whenever the tenant's policy version moved since the token was read
 * (decisions and leases: DecisionStore). Its callers may be authenticated from the node's
 * memory ({@link TokenAuthenticator}); every other method reads the token from the database
 * on each call, so a revoked token stops at once everywhere.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RecheckedAtCommit {}
