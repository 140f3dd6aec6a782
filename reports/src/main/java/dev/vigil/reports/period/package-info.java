/**
 * The period model: for one control of one tenant and an observation period {@code [from, to)},
 * from the runs, findings and approved exceptions the caller read, how often the control ran
 * and which scheduled runs are missing, its status over the period, the share of it passing,
 * every deviation (failing, or not tested) and every exception in force. Pure and
 * deterministic; docs/reports.md states the rules an auditor relies on.
 */
package dev.vigil.reports.period;
