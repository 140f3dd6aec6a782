package dev.vigil.reports.oscal;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * NIST's published JSON schema of OSCAL 1.1.2 assessment results, as liboscal-java 3.0.3 carries
 * it, checked as JSON Schema draft 7 (the schema's own dialect) with format assertions on, so
 * {@code date-time} and {@code uri-reference} are checked as well as the schema's regex
 * patterns (which use {@code \p{L}}, so the JDK's regex engine, the validator's default).
 */
final class OscalSchema {

  static final String RESOURCE = "schema/json/oscal-ar_schema.json";

  private static final Schema SCHEMA = load();

  private OscalSchema() {}

  /** What is wrong with {@code json} as assessment results; empty when it is valid. */
  static List<String> errors(String json) {
    return SCHEMA.validate(json, InputFormat.JSON).stream().map(Object::toString).toList();
  }

  private static Schema load() {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
        b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    try (InputStream in = OscalSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) throw new IllegalStateException(RESOURCE + " is not on the test classpath (liboscal-java)");
      return registry.getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8), InputFormat.JSON);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
