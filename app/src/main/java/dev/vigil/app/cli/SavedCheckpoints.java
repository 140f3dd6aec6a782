package dev.vigil.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.controls.audit.Checkpoint;
import dev.vigil.controls.audit.NotesFile;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checkpoints an auditor saved: the signed notes in a file that is a bundle's
 * {@code checkpoints.jsonl} (one JSON object a line), the body of {@code GET
 * /api/v1/audit/checkpoints} ({@code {"items": [...]}}), or a checkpoint sink's notes file
 * ({@code <tenantId>.notes}: the notes one after another, {@link NotesFile}). Of the JSON only
 * each object's {@code note} is read: the note is what is signed. Anything else is refused,
 * naming the line or note.
 */
final class SavedCheckpoints {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KINDS = "give a bundle's checkpoints.jsonl, the body of GET /api/v1/audit/checkpoints"
      + " or a checkpoint sink's <tenantId>.notes file";

  private SavedCheckpoints() {}

  static List<String> notes(Path file) throws IOException, VerifyCommand.VerificationFailed {
    if (!Files.isRegularFile(file)) throw new VerifyCommand.VerificationFailed("no such file: " + file);
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      throw new VerifyCommand.VerificationFailed(file + " is not text: " + KINDS);
    }
    if (text.stripLeading().startsWith(Checkpoint.origin(""))) return notesFile(file, text);
    List<JsonNode> objects = new ArrayList<>();
    if (text.stripLeading().startsWith("{\"items\"")) {
      try {
        JSON.readTree(text).path("items").forEach(objects::add);
      } catch (IOException e) {
        throw new VerifyCommand.VerificationFailed(file + " is not JSON: " + KINDS);
      }
    } else {
      for (String line : text.split("\n")) {
        if (line.isBlank()) continue;
        try {
          objects.add(JSON.readTree(line));
        } catch (IOException e) {
          throw new VerifyCommand.VerificationFailed(file + ": a line is not JSON: one checkpoint object a line");
        }
      }
    }
    List<String> notes = new ArrayList<>();
    for (JsonNode o : objects) {
      if (!o.path("note").isTextual()) {
        throw new VerifyCommand.VerificationFailed(file + ": checkpoint " + (notes.size() + 1) + " has no note");
      }
      notes.add(o.get("note").textValue());
    }
    if (notes.isEmpty()) throw new VerifyCommand.VerificationFailed(file + " holds no checkpoint");
    return notes;
  }

  private static List<String> notesFile(Path file, String text) throws VerifyCommand.VerificationFailed {
    try {
      return NotesFile.notes(text);
    } catch (IllegalArgumentException e) {
      throw new VerifyCommand.VerificationFailed(file + ": " + e.getMessage());
    }
  }
}
