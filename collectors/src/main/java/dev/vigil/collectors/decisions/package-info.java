/**
 * Authorization decisions and credential leases for agent runtimes. Facts are read, the pure
 * {@link dev.vigil.controls.decision.Authorizer} decides, and the decision is appended to the
 * audit chain (group-committed) before the answer leaves: no unlogged allow.
 */
package dev.vigil.collectors.decisions;
