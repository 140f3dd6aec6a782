/**
 * Auditor-facing output for an observation period: the Type II-style PDF, the evidence
 * package and the OSCAL assessment results. Reads through the collectors' store and knows the
 * catalog from controls; it writes nothing back.
 */
package dev.vigil.reports;
