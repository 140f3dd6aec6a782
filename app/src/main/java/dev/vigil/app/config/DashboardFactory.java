package dev.vigil.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/**
 * The dashboard's sessions and sign-in throttling (README, "Dashboard"): a session ends after
 * {@code sessionIdle} without a request (pages polling for live status do not count) or
 * {@code sessionMaxAge} after sign-in, whichever comes first. After {@code signInFailures}
 * failed sign-ins of one account, or from one address, each further attempt waits twice as
 * long as the one before, up to {@code signInLockout}.
 */
public final class DashboardFactory {

  @JsonProperty
  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.MINUTES)
  private Duration sessionIdle = Duration.minutes(30);

  @JsonProperty
  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.MINUTES)
  private Duration sessionMaxAge = Duration.hours(12);

  @JsonProperty
  @Min(1)
  @Max(1000)
  private int signInFailures = 5;

  @JsonProperty
  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  private Duration signInLockout = Duration.minutes(15);

  public java.time.Duration sessionIdle() {
    return sessionIdle.toJavaDuration();
  }

  public java.time.Duration sessionMaxAge() {
    return sessionMaxAge.toJavaDuration();
  }

  public int signInFailures() {
    return signInFailures;
  }

  public java.time.Duration signInLockout() {
    return signInLockout.toJavaDuration();
  }
}
