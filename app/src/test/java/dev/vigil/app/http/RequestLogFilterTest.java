package dev.vigil.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RequestLogFilterTest {

  @Test
  void aRouteJoinsTheMatchedTemplatesWithOneSlashBetweenEach() {
    assertThat(RequestLogFilter.route(List.of())).isEqualTo("-");
    assertThat(RequestLogFilter.route(List.of("/api/v1/authorize"))).isEqualTo("/api/v1/authorize");
    assertThat(RequestLogFilter.route(List.of("/api/v1/agents", "/{id}"))).isEqualTo("/api/v1/agents/{id}");
    assertThat(RequestLogFilter.route(List.of("/api/v1/agents", "{id}"))).isEqualTo("/api/v1/agents/{id}");
    assertThat(RequestLogFilter.route(List.of("/", "/sign-in"))).isEqualTo("/sign-in");
    assertThat(RequestLogFilter.route(List.of("/", ""))).isEqualTo("/");
    assertThat(RequestLogFilter.route(List.of("/agents/", "/{id}"))).isEqualTo("/agents/{id}");
  }
}
