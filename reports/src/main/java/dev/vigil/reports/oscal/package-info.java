/**
 * The report as OSCAL 1.1.2 assessment results: {@link dev.vigil.reports.oscal.AssessmentResults}
 * renders a {@link dev.vigil.reports.content.ReportContent} as JSON that NIST's schema accepts,
 * with stable UUIDs and evidence links into the evidence package. Pure: no clock, no database.
 */
package dev.vigil.reports.oscal;
