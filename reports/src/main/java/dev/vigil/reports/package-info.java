/**
 * Auditor-facing output for an observation period: the Type II-style report, the evidence
 * package and the OSCAL assessment results. Not built yet: the module holds only this package
 * and its place in the build. When it is, it reads through the collectors' stores, knows the
 * catalog from controls, and writes nothing back.
 */
package dev.vigil.reports;
