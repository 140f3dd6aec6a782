/**
 * AI agents: their identity, owner, lifecycle and tokens. Retiring an agent is final and
 * revokes its tokens in the same transaction.
 */
package dev.vigil.collectors.agents;
