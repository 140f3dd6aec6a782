package dev.vigil.reports.content;

import dev.vigil.reports.period.ControlPeriod;
import dev.vigil.reports.sample.Sample;
import java.util.Optional;

/**
 * One control's section: the period model's account of it and, when the control examines a
 * population, the auditor's sample of it.
 *
 * @param populationKind what its members are ("grants", "agents", "vendors", "connections",
 *     "incidents", "access-reviews"), or empty when it has no population
 */
public record ControlSection(ControlPeriod period, Optional<String> populationKind, Optional<Sample> sample) {}
