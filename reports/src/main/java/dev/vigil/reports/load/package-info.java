/**
 * The loader: reads one tenant's observation period from the database, through collectors'
 * stores and queries and a small read-only DAO of its own ({@link PeriodDao}), and turns it
 * into the {@link dev.vigil.reports.content.ReportContent} every artifact renders. It verifies
 * the period's audit chain on the way and refuses to produce a report when it does not
 * verify. One control is read at a time, so memory follows the largest control's period,
 * not the whole estate. docs/reports.md ("Reading a period") states what it reads and how.
 */
package dev.vigil.reports.load;
