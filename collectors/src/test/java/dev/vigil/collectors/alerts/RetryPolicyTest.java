package dev.vigil.collectors.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void defaultsDoubleFromOneSecondUpToFiveMinutes() {
    RetryPolicy p = RetryPolicy.defaults();
    assertThat(p.maxAttempts()).isEqualTo(6);
    assertThat(p.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(p.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(p.delayAfter(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(p.delayAfter(5)).isEqualTo(Duration.ofSeconds(16));
    assertThat(p.delayAfter(9)).isEqualTo(Duration.ofSeconds(256));
    assertThat(p.delayAfter(10)).isEqualTo(Duration.ofMinutes(5));
    assertThat(p.delayAfter(1000)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void rejectsPoliciesThatCannotWork() {
    Duration s = Duration.ofSeconds(1);
    assertThatThrownBy(() -> new RetryPolicy(0, s, s, s)).hasMessageContaining("maxAttempts");
    assertThatThrownBy(() -> new RetryPolicy(1, Duration.ZERO, s, s)).hasMessageContaining("firstDelay");
    assertThatThrownBy(() -> new RetryPolicy(1, s, Duration.ofMillis(10), s)).hasMessageContaining("maxDelay");
    assertThatThrownBy(() -> new RetryPolicy(1, s, s, null)).hasMessageContaining("timeout");
    assertThatThrownBy(() -> RetryPolicy.defaults().delayAfter(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
