package dev.vigil.collectors.audit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds the {@code data} object of an audit entry. */
public final class AuditData {

  private AuditData() {}

  /** An empty data object to {@code put} the change's fields into. */
  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }
}
