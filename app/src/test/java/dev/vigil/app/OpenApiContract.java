package dev.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import dev.vigil.app.Endpoints.Endpoint;
import dev.vigil.app.Endpoints.Segment;
import dev.vigil.app.Http.Reply;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The served OpenAPI description against the running service: public, in both formats, naming
 * every resource method with its parameters and roles, and describing real answers exactly (no
 * documented property missing, none undocumented). Mixed into an API test class to share its
 * server; each run leaves the document at {@link #SAVED} for the CI's lint.
 */
interface OpenApiContract {

  /** Where the CI's OpenAPI lint (.ci/run) reads the document; relative to the app module. */
  Path SAVED = Path.of("target", "openapi.json");

  /** The fixture whose server and tokens these tests use. */
  ApiFixture api();

  // --- unhappy paths ----------------------------------------------------------------------

  @Test
  default void anErrorIsDescribedByTheErrorBodySchema() throws IOException {
    JsonNode doc = description();
    ApiFixture f = api();
    Reply missing = f.http.get(f.adminA, "/api/v1/agents/agt_missing");
    assertThat(missing.status()).isEqualTo(404);
    assertMatches(doc, response(doc, "/api/v1/agents/{id}", "get", "4XX"), missing);
    Reply invalid = f.http.post(f.adminA, "/api/v1/agents", "{}");
    assertThat(invalid.status()).isEqualTo(422);
    assertMatches(doc, response(doc, "/api/v1/agents", "post", "4XX"), invalid);
    Reply anonymous = f.http.get(null, "/api/v1/agents");
    assertThat(anonymous.status()).isEqualTo(401);
    assertMatches(doc, response(doc, "/api/v1/agents", "get", "401"), anonymous);
    Reply wrongRole = f.http.get(f.ingest, "/api/v1/agents");
    assertThat(wrongRole.status()).isEqualTo(403);
    assertMatches(doc, response(doc, "/api/v1/agents", "get", "403"), wrongRole);
  }

  @Test
  default void aResponseWithAFieldTheDescriptionLacksOrMissingOneItHasFailsTheCheck() throws IOException {
    JsonNode doc = description();
    JsonNode schema = response(doc, "/api/v1/agents/{id}", "get", "200");
    ApiFixture f = api();
    ObjectNode agent = (ObjectNode) f.created(f.http.post(f.adminA, "/api/v1/agents", ApiFixture.agent("probe", f.ownerA)));
    assertThat(schemaErrors(doc, schema, agent)).isEmpty();
    ObjectNode extra = agent.deepCopy().put("tenantId", f.tenantA);
    assertThat(schemaErrors(doc, schema, extra)).isNotEmpty();
    ObjectNode lacking = agent.deepCopy();
    lacking.remove("statusChangedAt");
    assertThat(schemaErrors(doc, schema, lacking)).isNotEmpty();
  }

  // --- the description --------------------------------------------------------------------

  @Test
  default void theDescriptionIsPublicAsJsonAndAsYaml() throws IOException {
    Http http = api().http;
    Reply json = http.get(null, "/api/v1/openapi.json");
    assertThat(json.status()).as(json.text()).isEqualTo(200);
    assertThat(json.contentType()).startsWith("application/json");
    assertThat(json.get("openapi").asText()).startsWith("3.");
    assertThat(json.get("info").get("title").asText()).isEqualTo("Vigil API");
    assertThat(json.get("info").get("version").asText()).isEqualTo(Api.UNVERSIONED);
    Reply yaml = http.get(null, "/api/v1/openapi.yaml");
    assertThat(yaml.status()).isEqualTo(200);
    assertThat(yaml.contentType()).startsWith("application/yaml");
    assertThat(new YAMLMapper().readTree(yaml.text())).isEqualTo(json.json());
    assertThat(json.json().get("paths").properties()).allSatisfy(p ->
        assertThat(p.getKey()).startsWith("/api/v1/"));
  }

  @Test
  default void everyResourceMethodIsDescribedWithItsParametersAndRoles() throws IOException {
    JsonNode paths = description().get("paths");
    List<Endpoint> endpoints = Endpoints.of(api().server.resourceClasses());
    assertThat(endpoints).hasSizeGreaterThan(40);
    for (Endpoint e : endpoints) {
      JsonNode op = paths.path(openApiPath(e)).path(e.method().toLowerCase(Locale.ROOT));
      assertThat(op.isObject()).as(e + " is not in the description").isTrue();
      List<String> params = new ArrayList<>();
      op.path("parameters").forEach(p -> params.add(p.get("in").asText() + ":" + p.get("name").asText()));
      e.segments().stream().filter(Segment::isParam).forEach(s -> assertThat(params).as(e.toString())
          .contains("path:" + s.param()));
      e.queryParams().forEach(q -> assertThat(params).as(e.toString()).contains("query:" + q));
      assertThat(op.has("requestBody")).as(e + " body").isEqualTo(readsBody(e.handler()));
      List<String> roles = roles(e.handler());
      List<String> documented = new ArrayList<>();
      op.path("x-roles").forEach(r -> documented.add(r.asText()));
      assertThat(documented).as(e + " roles").isEqualTo(roles);
      assertThat(op.path("security").toString()).as(e + " security")
          .isEqualTo(roles.isEmpty() ? "[]" : "[{\"bearer\":[]}]");
      assertThat(op.path("responses").has("4XX")).as(e + " errors").isTrue();
    }
  }

  @Test
  default void realAnswersHaveExactlyTheDocumentedProperties() throws IOException {
    JsonNode doc = description();
    ApiFixture f = api();
    String agentId = f.newAgent("described");
    assertMatches(doc, response(doc, "/api/v1/agents/{id}", "get", "200"),
        f.http.get(f.adminA, "/api/v1/agents/" + agentId));
    assertMatches(doc, response(doc, "/api/v1/agents", "get", "200"), f.http.get(f.adminA, "/api/v1/agents?limit=2"));
    assertMatches(doc, response(doc, "/api/v1/agents/{id}/tokens", "post", "201"),
        f.http.post(f.adminA, "/api/v1/agents/" + agentId + "/tokens", null));
    assertMatches(doc, response(doc, "/api/v1/users/{id}", "get", "200"),
        f.http.get(f.compliance, "/api/v1/users/" + f.ownerA));
    assertMatches(doc, response(doc, "/api/v1/tokens", "get", "200"), f.http.get(f.adminA, "/api/v1/tokens"));
    assertMatches(doc, response(doc, "/api/v1/controls", "get", "200"), f.http.get(f.auditor, "/api/v1/controls"));
    assertMatches(doc, response(doc, "/api/v1/audit/verify", "get", "200"),
        f.http.get(f.auditor, "/api/v1/audit/verify"));
    assertMatches(doc, response(doc, "/api/v1/keys", "get", "200"), f.http.get(f.compliance, "/api/v1/keys"));
    String vendor = f.created(f.http.post(f.adminA, "/api/v1/vendors", ControlPlaneApiContract.vendor("Described",
        "low"))).get("id").asText();
    String connection = f.created(f.http.post(f.adminA, "/api/v1/connections",
        ControlPlaneApiContract.connection("Described", vendor, "https://described.example"))).get("id").asText();
    f.created(f.http.post(f.adminA, "/api/v1/agents/" + agentId + "/grants", "{\"connectionId\":\"" + connection
        + "\",\"scopes\":[\"crm:read\"],\"requestedBy\":\"" + f.ownerA + "\",\"approvedBy\":\"" + f.ownerA + "\"}"));
    assertMatches(doc, response(doc, "/api/v1/grants", "get", "200"),
        f.http.get(f.auditor, "/api/v1/grants?agentId=" + agentId));
    String run = f.http.post(f.compliance, "/api/v1/controls/AC-1/run", "").get("id").asText();
    Reply members = f.http.get(f.auditor, "/api/v1/controls/AC-1/runs/" + run + "/members");
    assertThat(members.get("items")).isNotEmpty();
    assertMatches(doc, response(doc, "/api/v1/controls/{id}/runs/{runId}/members", "get", "200"), members);
  }

  // --- helpers ----------------------------------------------------------------------------

  /** The served JSON description, also saved to {@link #SAVED}. */
  private JsonNode description() throws IOException {
    Reply r = api().http.get(null, "/api/v1/openapi.json");
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    Files.createDirectories(SAVED.getParent());
    Files.writeString(SAVED, r.text());
    return r.json();
  }

  /** {@code /a/{id: .+}} as OpenAPI writes it: {@code /a/{id}}. */
  private static String openApiPath(Endpoint e) {
    StringBuilder path = new StringBuilder();
    for (Segment s : e.segments()) path.append('/').append(s.isParam() ? "{" + s.param() + "}" : s.literal());
    return path.toString();
  }

  /** Whether {@code m} reads the request body: a parameter JAX-RS fills from nothing else. */
  private static boolean readsBody(Method m) {
    for (java.lang.reflect.Parameter p : m.getParameters()) {
      boolean fromElsewhere = Arrays.stream(p.getAnnotations()).anyMatch(a -> a instanceof Auth
          || a.annotationType().getPackageName().equals("jakarta.ws.rs"));
      if (!fromElsewhere) return true;
    }
    return false;
  }

  /** The roles Jersey's RolesAllowedDynamicFeature enforces on {@code m}; empty when anyone may call. */
  private static List<String> roles(Method m) {
    if (m.isAnnotationPresent(PermitAll.class)) return List.of();
    RolesAllowed r = m.isAnnotationPresent(RolesAllowed.class) ? m.getAnnotation(RolesAllowed.class)
        : m.getDeclaringClass().getAnnotation(RolesAllowed.class);
    return r == null ? List.of() : List.of(r.value());
  }

  /** The JSON schema of the {@code status} answer of an operation, following a response $ref. */
  private static JsonNode response(JsonNode doc, String path, String method, String status) {
    JsonNode response = doc.get("paths").path(path).path(method).path("responses").path(status);
    if (response.has("$ref")) response = doc.at(response.get("$ref").asText().substring(1));
    JsonNode schema = response.path("content").path("application/json").path("schema");
    assertThat(schema.isObject()).as(method + " " + path + " " + status + " has a JSON schema").isTrue();
    return schema;
  }

  private static void assertMatches(JsonNode doc, JsonNode schema, Reply reply) {
    assertThat(reply.json().isMissingNode()).as(reply.text()).isFalse();
    assertThat(schemaErrors(doc, schema, reply.json())).as(reply.text()).isEmpty();
  }

  /**
   * What is wrong with {@code value} as {@code schema} (OpenAPI 3.0, with refs into {@code doc}'s
   * components, moved under {@code definitions} for the validator), where every object that lists
   * its properties takes no others: the description must name every field the service writes.
   */
  private static List<String> schemaErrors(JsonNode doc, JsonNode schema, JsonNode value) {
    ObjectNode root = Http.JSON.createObjectNode();
    root.putArray("allOf").add(schema.deepCopy());
    root.set("definitions", doc.get("components").get("schemas").deepCopy());
    closeObjects(root);
    String text = root.toString().replace("\"#/components/schemas/", "\"#/definitions/");
    return SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30())
        .getSchema(text, InputFormat.JSON)
        .validate(value.toString(), InputFormat.JSON).stream().map(Object::toString).toList();
  }

  private static void closeObjects(JsonNode node) {
    if (node instanceof ObjectNode o && o.has("properties") && !o.has("additionalProperties")) {
      o.put("additionalProperties", false);
    }
    node.forEach(OpenApiContract::closeObjects);
  }
}
