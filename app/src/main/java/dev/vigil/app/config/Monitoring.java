package dev.vigil.app.config;

import dev.vigil.collectors.monitoring.ControlQueries;
import dev.vigil.collectors.monitoring.ControlRunner;
import dev.vigil.collectors.monitoring.ManualRuns;
import dev.vigil.controls.catalog.Catalog;

/**
 * Continuous controls as the API sees them, once {@link ControlsFactory#build} has set them
 * running on schedule and on change.
 *
 * @param catalog the controls and their parameters
 * @param runner runs controls on demand
 * @param queries reads runs, statuses and findings back
 * @param manualRuns runs a control now for a person or token, and audits who asked
 * @param sweepsHere whether this node runs the scheduled sweeps ({@code controls.sweeps})
 */
public record Monitoring(Catalog catalog, ControlRunner runner, ControlQueries queries, ManualRuns manualRuns,
    boolean sweepsHere) {}
