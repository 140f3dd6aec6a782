/**
 * Continuous control monitoring: loading snapshots from the live tables with set-based
 * queries, running controls on schedule (Quartz) and within moments of a change that affects
 * them, and recording each run with its evidence, findings and status.
 */
package dev.vigil.collectors.monitoring;
