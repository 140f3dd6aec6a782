/**
 * Auditor samples: how many members of a control's population to sample (one table by control
 * frequency and population size), which ones (ranked by SHA-256 under a seed taken from the
 * signed checkpoint at the period's end, so anyone can redraw the sample and nobody can pick
 * it), and each sampled member's evidence in the period. Pure; docs/reports.md states the
 * table and the draw with a worked example.
 */
package dev.vigil.reports.sample;
