/**
 * What a Type II report says, as data: the period's controls, samples and system description,
 * and the chain statement that binds them to the audit trail. Read from the database once
 * (by the loader), then rendered as the PDF, the OSCAL assessment results and the evidence
 * package's files, so every artifact states the same facts.
 */
package dev.vigil.reports.content;
