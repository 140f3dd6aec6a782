package dev.vigil.reports.pdf;

import org.apache.pdfbox.pdmodel.PDPage;

/**
 * A heading as placed: its level (0 a part, 1 a section in it), its text, and where it is, for
 * the contents and the bookmarks. {@code listed} is false for the cover, which has a bookmark
 * but no line in the contents.
 */
record Heading(int level, String title, PDPage page, float y, boolean listed) {}
