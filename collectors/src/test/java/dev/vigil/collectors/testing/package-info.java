/**
 * Test fixtures shared with the app module's tests: real H2 and PostgreSQL databases, a real
 * webhook {@link dev.vigil.collectors.testing.Receiver}, and {@link
 * dev.vigil.collectors.testing.Poll} to await what background threads bring about.
 *
 * <p>PostgreSQL tests run when a server answers at {@code vigil.test.pg.url} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/test}, user {@code postgres}); each fixture gets a
 * fresh schema and drops it at the end. Without a server they are skipped, unless
 * {@code vigil.test.pg.required=true} (set by CI), which turns a missing server into a failure.
 */
package dev.vigil.collectors.testing;
