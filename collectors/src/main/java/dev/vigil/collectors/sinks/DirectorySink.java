package dev.vigil.collectors.sinks;

import dev.vigil.collectors.alerts.Destination;
import dev.vigil.collectors.alerts.Outcome;
import dev.vigil.controls.audit.Checkpoint;
import dev.vigil.controls.audit.NotesFile;
import dev.vigil.controls.audit.SignedNote;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * An append-only directory of checkpoint notes: {@code <dir>/<tenantId>.notes}, one file per
 * tenant in the {@link NotesFile} format, which {@code verify --trusted-checkpoints} reads as is.
 *
 * <p>Each checkpoint is appended after the file's last note and forced to disk (fsync) before
 * the delivery counts; nothing written is ever rewritten. The file's last note decides whether
 * a checkpoint may follow it:
 * <ul>
 *   <li>a larger size: appended;
 *   <li>the same size and head: already there (a repeated attempt), delivered without writing;
 *   <li>the same size with another head: refused, the delivery {@code FAILED}: the chain was
 *       rewritten after the file's checkpoint was saved;
 *   <li>a smaller size signed later than the file's last note: refused likewise (the chain
 *       was cut or rewritten); signed earlier, it is a late retry that the later note, which
 *       commits to every earlier entry, already covers: delivered without writing, with a remark.
 * </ul>
 * A file that does not end in a whole note (a write torn by a crash) is refused until someone
 * repairs it by hand. Writes run on the sink's own thread ({@code vigil-checkpoint-files}), so a
 * hung mount delays nothing but this sink, and hold a lock on the file, so that several
 * processes may share the directory. Thread-safe.
 */
public final class DirectorySink implements Destination {

  /** The most of a file's end that is read to find its last note; a note is about 250 bytes. */
  private static final int TAIL = 16 * 1024;
  private static final int MAX_REMARK = 500;
  private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9_-]{1,40}");
  private static final String NOTE_START = "\n\nvigil/audit/";

  private final Path dir;
  private final ExecutorService io = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "vigil-checkpoint-files");
    t.setDaemon(true);
    return t;
  });

  public DirectorySink(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  /** The file that holds {@code tenantId}'s checkpoints. */
  public Path file(String tenantId) {
    if (!TENANT.matcher(tenantId).matches()) throw new IllegalArgumentException("not a tenant id");
    return dir.resolve(tenantId + ".notes");
  }

  @Override
  public String name() {
    return "directory " + dir;
  }

  @Override
  public CompletableFuture<Outcome> send(String deliveryId, String payload) {
    return CompletableFuture.supplyAsync(() -> append(CheckpointPayload.read(payload)), io);
  }

  private Outcome append(Checkpoint cp) {
    Path file = file(cp.tenantId());
    try {
      Files.createDirectories(dir);
      boolean created = !Files.exists(file);
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
        String tail = tail(channel);
        Outcome refused = null;
        if (!tail.isEmpty()) {
          Checkpoint last = lastNote(cp.tenantId(), tail, channel.size() <= TAIL);
          if (last == null) {
            return refused(file + " does not end in a whole checkpoint note (a torn write?); repair it by hand");
          }
          refused = compare(last, cp);
        }
        if (refused != null) return refused;
        channel.write(ByteBuffer.wrap(NotesFile.entry(cp.note()).getBytes(StandardCharsets.UTF_8)), channel.size());
        channel.force(true);
      }
      if (created) syncDirectory();
      return Outcome.delivered((Integer) null);
    } catch (IOException | RuntimeException e) {
      return Outcome.failed(null, bounded("cannot append to " + file + ": " + e));
    }
  }

  /** Why {@code next} may not follow {@code last}, as an outcome; {@code null} if it may. */
  private static Outcome compare(Checkpoint last, Checkpoint next) {
    if (next.size() > last.size()) return null;
    if (next.size() == last.size()) {
      if (next.headHash().equals(last.headHash())) return Outcome.delivered("already in the file");
      return refused("the file's checkpoint at size " + last.size() + " signs head " + last.headHash()
          + " but this one signs " + next.headHash() + ": the history was rewritten after the file's checkpoint");
    }
    if (next.issuedAt().isBefore(last.issuedAt())) {
      return Outcome.delivered("superseded by the later checkpoint at size " + last.size() + " already in the file");
    }
    return refused("the file ends at size " + last.size() + " but this checkpoint, signed after it, is at size "
        + next.size() + ": the chain was cut or rewritten");
  }

  private static Outcome refused(String why) {
    return Outcome.refused(bounded(why));
  }

  /** The last note of the file's end, or {@code null} if it does not end in a whole note. */
  private static Checkpoint lastNote(String tenantId, String tail, boolean whole) {
    int at = tail.lastIndexOf(NOTE_START);
    String text = at >= 0 ? tail.substring(at + 2) : whole ? tail : null;
    if (text == null) return null;
    try {
      List<String> notes = NotesFile.notes(text);
      if (notes.size() != 1) return null;
      String note = notes.get(0);
      return Checkpoint.fromBody(tenantId, SignedNote.parse(note).body(), note);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String tail(FileChannel channel) throws IOException {
    long size = channel.size();
    int n = (int) Math.min(size, TAIL);
    ByteBuffer buffer = ByteBuffer.allocate(n);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, size - n + buffer.position()) < 0) break;
    }
    // A character cut at the start of the window decodes to a replacement character: harmless,
    // the last note starts after it.
    return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
  }

  /** Makes a new file's name durable too: fsync of the directory, where the platform allows it. */
  private void syncDirectory() {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Not every platform opens a directory; the file's own fsync stands.
    }
  }

  private static String bounded(String why) {
    return why.length() <= MAX_REMARK ? why : why.substring(0, MAX_REMARK - 3) + "...";
  }

  @Override
  public void close() {
    io.shutdownNow();
  }

  @Override
  public String toString() {
    return name();
  }
}
