/**
 * The pure heart of Vigil: domain records, the control catalog, the authorization decision
 * and the audit-chain format with its verification.
 *
 * <p>Nothing in this module reads a clock, a database, a file or the network. Callers pass
 * facts and instants in; functions hand results back. That is what lets the offline
 * verifier, the integrity control and the tests share one definition of "correct".
 */
package dev.vigil.controls;
