/**
 * The report as a PDF ({@code report.pdf}): rendered from {@link dev.vigil.reports.content.ReportContent}
 * with PDFBox, DejaVu Sans embedded so any name prints, aiming at PDF/A-2b. {@link ReportPdf} is the
 * entry point; the other classes each do one part of the layout (line wrapping, page flow, tables,
 * the timeline bar, the contents and bookmarks, page numbers, the PDF/A metadata) or write one
 * part of the report (cover, system description, a control, appendices).
 */
package dev.vigil.reports.pdf;
