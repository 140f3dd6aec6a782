package dev.vigil.controls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.controls.model.Scopes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScopesTest {

  @ParameterizedTest(name = "{0} allows {1}: {2}")
  @CsvSource({
      "crm:read,   crm:read,   true",
      "crm:read,   crm:write,  false",
      "crm:*,      crm:write,  true",
      "crm:*,      crmx:read,  false",
      "'*',        mail:send,  true",
      "admin,      crm:read,   false",
      "mail:send,  mail:sendx, false",
  })
  void allows(String scope, String action, boolean allowed) {
    assertThat(Scopes.allows(scope, action)).isEqualTo(allowed);
  }

  @ParameterizedTest
  @ValueSource(strings = {"crm:read", "crm:*", "*", "admin", "mcp.tools:call", "slack_v2:post-message"})
  void validScopes(String scope) {
    assertThat(Scopes.problem(scope)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "crm", "CRM:read", "crm:", ":read", "*:read", "crm:read:x", "crm :read", "admin:"})
  void invalidScopesSayWhy(String scope) {
    assertThat(Scopes.problem(scope)).get().asString().contains("not a scope");
  }

  @ParameterizedTest
  @CsvSource({"*, true", "admin, true", "crm:*, true", "crm:read, false"})
  void broadScopes(String scope, boolean broad) {
    assertThat(Scopes.isBroad(scope)).isEqualTo(broad);
  }
}
