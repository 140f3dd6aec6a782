/**
 * How the service is built: one factory per concern of {@code config.yml} (database, crypto,
 * audit, controls), each building its subsystem and registering that subsystem's lifecycle and
 * health checks, and the records of what each subsystem hands on ({@link
 * dev.vigil.app.config.AuditTrail}, {@link dev.vigil.app.config.Stores}, {@link
 * dev.vigil.app.config.Monitoring}). {@link dev.vigil.app.config.ControlRuns#standalone} builds
 * the control runs alone, for a tool that times them.
 */
package dev.vigil.app.config;
