package dev.vigil.evidence.docs;

/**
 * The names of a tenant's agents, connections and vendors by id, so that a document about an
 * agent's action can be found by the agent's name. Implementations cache; a name unknown to
 * the database is returned as null.
 */
public interface Names {

  String agent(String id);

  String connection(String id);

  String vendor(String id);

  /** Forgets what is known of {@code id}, after a change to it. */
  void changed(String id);
}
