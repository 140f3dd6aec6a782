package dev.vigil.controls.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * A file of signed checkpoint notes, one after another, each followed by a blank line: what
 * the server appends to {@code <tenantId>.notes} in its checkpoint directory, and what {@code
 * verify --trusted-checkpoints} reads. A note itself holds one blank line (between its body and
 * its signature lines), so a note ends after its signature lines, which start with an em dash.
 *
 * <pre>
 * vigil/audit/ten_...
 * 17
 * base64 head hash
 * time 2026-01-01T00:00:00.000Z
 *
 * — vigil-audit base64(key id || signature)
 *
 * vigil/audit/ten_...
 * 42
 * ...
 * </pre>
 */
public final class NotesFile {

  private static final String DASH = "\u2014 ";

  private NotesFile() {}

  /** What is appended for {@code note}: the note and the blank line that ends it. */
  public static String entry(String note) {
    if (!note.endsWith("\n")) throw new IllegalArgumentException("a note ends with a newline");
    return note + "\n";
  }

  /**
   * The notes of {@code text}, in order, each exactly as signed. Throws
   * IllegalArgumentException, naming the note, when a note is cut short (a write torn by a
   * crash) or is not a note; blank lines between notes are allowed.
   */
  public static List<String> notes(String text) {
    List<String> notes = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    int i = 0;
    while (true) {
      while (i < lines.length && lines[i].isEmpty()) i++;
      if (i >= lines.length) break;
      int n = notes.size() + 1;
      StringBuilder note = new StringBuilder();
      while (i < lines.length && !lines[i].isEmpty()) {
        if (lines[i].startsWith(DASH)) throw new IllegalArgumentException("note " + n + " has no blank line before its signatures");
        note.append(lines[i++]).append('\n');
      }
      note.append('\n');
      i++;
      int signatures = 0;
      while (i < lines.length && lines[i].startsWith(DASH)) {
        note.append(lines[i++]).append('\n');
        signatures++;
      }
      // The last line of the split is what follows the final newline: a note that reaches it
      // did not end with a newline, so its last signature line may be cut.
      if (signatures == 0 || i == lines.length) {
        throw new IllegalArgumentException("note " + n + " is cut short or has no signature line");
      }
      notes.add(note.toString());
    }
    return notes;
  }
}
