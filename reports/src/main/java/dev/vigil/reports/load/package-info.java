/**
 * The loader: reads one tenant's observation period from the database, through collectors'
 * stores and queries, and turns it into the {@link dev.vigil.reports.content.ReportContent}
 * every artifact renders. Each control is read once, one at a time, so memory follows the
 * largest control's period, not the whole estate; the period's chain is read once, verified on
 * the way (no report when it does not verify). What is read streams on to a {@link PeriodSink}
 * (the evidence package), which so needs no pass of its own. docs/reports.md ("Reading a
 * period") states what it reads and how.
 */
package dev.vigil.reports.load;
