package dev.vigil.app.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;
import dev.vigil.collectors.db.Rejected;

/**
 * A value in a body that was read but is not acceptable (text Vigil does not store, a time
 * outside the supported range): {@link JsonMapper} answers it with {@code reason} and the
 * field's name, never echoing the value.
 */
final class RefusedValue extends JsonMappingException {

  private final Rejected.Reason reason;

  RefusedValue(JsonParser parser, Rejected.Reason reason, String why) {
    super(parser, why);
    this.reason = reason;
  }

  Rejected.Reason reason() {
    return reason;
  }
}
