package dev.vigil.collectors.audit;

import org.jdbi.v3.core.Handle;

/**
 * An entry decided from a node's in-memory view of the tenant's policy, as it stood at
 * {@link #policyVersion}. The group commit that appends it reads the tenant's current version
 * with the chain head it locks; if the version moved since, it asks for the entry again with
 * {@link #redecide} inside its transaction, and appends that one. Implementations keep what
 * they re-decided for their caller, who reads it once the append returned.
 */
public interface Decided {

  /** The policy version the decision was made at. */
  long policyVersion();

  /** The entry as decided. */
  PendingEntry entry();

  /**
   * Decides again from the database through {@code h} (the group's transaction, the head
   * locked), at policy version {@code version}, and returns the entry to append instead.
   */
  PendingEntry redecide(Handle h, long version);
}
