package dev.vigil.app.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** {@code POST /reports}: the period {@code [from, to)} and an optional title. */
public record CreateReport(@NotNull Instant from, @NotNull Instant to, @Size(max = CreateReport.TITLE_MAX) String title) {

  /** The longest title a report takes. */
  public static final int TITLE_MAX = 200;
}
