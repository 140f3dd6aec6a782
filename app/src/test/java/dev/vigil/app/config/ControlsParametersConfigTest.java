package dev.vigil.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.app.VigilConfiguration;
import dev.vigil.controls.catalog.Catalog;
import dev.vigil.controls.catalog.ControlParameters;
import dev.vigil.controls.catalog.IncidentControls;
import dev.vigil.controls.catalog.LeastPrivilegeControls;
import dev.vigil.controls.catalog.Parameter;
import dev.vigil.controls.model.Severity;
import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code controls.parameters} in config.yml binds to the parameters the catalog declares, and only those. */
class ControlsParametersConfigTest {

  static final Path SHIPPED = Path.of("..", "config.yml").toAbsolutePath().normalize();

  @Test
  void theShippedConfigSetsEveryDeclaredParameterToItsDefault() throws Exception {
    VigilConfiguration config = new YamlConfigurationFactory<>(VigilConfiguration.class, Validators.newValidator(),
        Jackson.newObjectMapper(), "dw").build(new SubstitutingSourceProvider(new FileConfigurationSourceProvider(),
            new EnvironmentVariableSubstitutor(false)), SHIPPED.toString());
    ControlParameters values = config.controls().parameters();
    for (Parameter<?> p : Catalog.parametersOf(Catalog.standard())) {
      assertThat((Object) values.get(p)).as(p.name()).isEqualTo(p.defaultValue());
    }
  }

  @Test
  void aValueOverridesItsDefaultAsANumberOrAsText() throws Exception {
    ControlParameters values = parse("unusedGrantDays: 7\naccessReviewDays: \"45\"\n"
        + "containmentSlaMinutes: {sev1: 60, sev2: 120, sev3: 180, sev4: \"240\"}\n").parameters();
    assertThat(values.get(LeastPrivilegeControls.UNUSED_GRANT_DAYS)).isEqualTo(7);
    assertThat(values.get(LeastPrivilegeControls.ACCESS_REVIEW_DAYS)).isEqualTo(45);
    assertThat(values.get(LeastPrivilegeControls.ACTION_LOOKBACK_HOURS)).isEqualTo(24);
    assertThat(values.get(IncidentControls.CONTAINMENT_SLA).get(Severity.SEV4)).isEqualTo(Duration.ofHours(4));
  }

  @Test
  void aNameNoControlDeclaresFailsTheConfigurationNamingIt() {
    assertThatThrownBy(() -> parse("unusedGrantDay: 7\n")).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("at: parameters.unusedGrantDay;")
        .hasMessageContaining("unusedGrantDay is not a parameter of the catalog; use unusedGrantDays, accessReviewDays");
  }

  @Test
  void aValueBelowItsMinimumFailsTheConfigurationNamingIt() {
    assertThatThrownBy(() -> parse("unusedGrantDays: 0\n")).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("at: parameters.unusedGrantDays; unusedGrantDays must be at least 1, not 0");
    assertThatThrownBy(() -> parse("missedRunTolerance: -1\n"))
        .hasMessageContaining("missedRunTolerance must be at least 0, not -1");
    assertThatThrownBy(() -> parse("containmentSlaMinutes: {sev1: 60}\n"))
        .hasMessageContaining("containmentSlaMinutes needs minutes for sev1, sev2, sev3 and sev4");
  }

  private static ControlsFactory parse(String parameters) throws Exception {
    String yaml = "parameters:\n" + parameters.replaceAll("(?m)^", "  ");
    return new YamlConfigurationFactory<>(ControlsFactory.class, Validators.newValidator(), Jackson.newObjectMapper(),
        "dw").build(path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "controls.yml");
  }
}
