package dev.vigil.collectors.monitoring;

/**
 * A run with its evidence record exactly as stored and hashed (canonical JSON), read in one
 * query: an evidence package writes both for every run of a period.
 */
public record StoredRun(ControlRun run, String evidence) {}
