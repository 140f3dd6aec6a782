/**
 * The authorization decision, separate from the service that enforces it: given an agent's
 * status, the connection, its grants and an instant, may it perform an action? Pure; the
 * collectors load the facts and record the decision.
 */
package dev.vigil.controls.decision;
