/**
 * AI agents: their identity, owner, lifecycle and tokens. Retiring an agent is final and
 * revokes its tokens and grants in the same transaction.
 */
package dev.vigil.collectors.agents;
