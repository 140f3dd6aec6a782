package dev.vigil.reports.period;

import java.time.Duration;
import java.time.Instant;

/** A stretch {@code [from, to)} of a period in which a control's family was scheduled every {@code interval}. */
public record ScheduleSpan(Duration interval, Instant from, Instant to) {}
