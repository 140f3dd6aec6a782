package dev.vigil.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collectors.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

  final MutableClock clock = MutableClock.startingNow();
  final SignInThrottle throttle = new SignInThrottle(3, Duration.ofMinutes(15), clock);

  @Test
  void afterTheAllowedFailuresEachAttemptWaitsTwiceAsLongUpToTheLockout() {
    for (int i = 0; i < 3; i++) {
      assertThat(throttle.wait("a@x", "1.1.1.1")).isEmpty();
      throttle.failed("a@x", "1.1.1.1");
    }
    assertThat(throttle.wait("a@x", "1.1.1.1")).hasValue(Duration.ofSeconds(1));
    clock.advance(Duration.ofSeconds(1));
    assertThat(throttle.wait("a@x", "1.1.1.1")).isEmpty();
    throttle.failed("a@x", "1.1.1.1");
    assertThat(throttle.wait("a@x", "1.1.1.1")).hasValue(Duration.ofSeconds(2));
    for (int i = 0; i < 20; i++) throttle.failed("a@x", "1.1.1.1");
    assertThat(throttle.wait("a@x", "1.1.1.1")).hasValue(Duration.ofMinutes(15));
  }

  @Test
  void theAccountAndTheAddressAreThrottledApart() {
    for (int i = 0; i < 3; i++) throttle.failed("a@x", "1.1.1.1");
    assertThat(throttle.wait("a@x", "2.2.2.2")).as("same account, other address").isPresent();
    assertThat(throttle.wait("b@x", "1.1.1.1")).as("other account, same address").isPresent();
    assertThat(throttle.wait("b@x", "2.2.2.2")).isEmpty();
  }

  @Test
  void aSuccessForgivesTheAccountButNotTheAddress() {
    for (int i = 0; i < 3; i++) throttle.failed("a@x", "1.1.1.1");
    throttle.succeeded("a@x");
    assertThat(throttle.wait("a@x", "2.2.2.2")).isEmpty();
    assertThat(throttle.wait("c@x", "1.1.1.1")).isPresent();
  }

  @Test
  void failuresFarApartStartTheCountAgain() {
    for (int i = 0; i < 3; i++) {
      throttle.failed("a@x", "1.1.1.1");
      clock.advance(Duration.ofMinutes(16));
    }
    assertThat(throttle.wait("a@x", "1.1.1.1")).isEmpty();
  }
}
