package dev.vigil.app.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import dev.vigil.collectors.db.Rejected;
import java.io.IOException;

/** Every string of every body, read as Jackson reads it and then checked by {@link Text}. Stateless. */
public final class TextDeserializer extends StdScalarDeserializer<String> {

  public TextDeserializer() {
    super(String.class);
  }

  @Override
  public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    String s = StringDeserializer.instance.deserialize(p, ctxt);
    String problem = s == null ? null : Text.problem(s);
    if (problem != null) throw new RefusedValue(p, Rejected.Reason.INVALID, problem);
    return s;
  }
}
