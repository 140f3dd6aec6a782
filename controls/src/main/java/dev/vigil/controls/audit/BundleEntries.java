package dev.vigil.controls.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Verifies a bundle's {@code entries.jsonl} as a stream, in memory that does not grow with the
 * file: lines are read in batches, each batch is parsed and hashed on a pool of threads
 * ({@link EntryLines}), and the results are chained in file order by one
 * {@link ChainVerifier.Running}. Only the hashes of the entries that checkpoints name are kept.
 */
final class BundleEntries {

  /**
   * What the entries file holds: its SHA-256, how many lines are entries and the last one's
   * seq, the lines that are not entries (the first {@link ChainVerifier.Running#LISTED}), the
   * chain's verification, and the recorded hash of each wanted seq that the file holds.
   */
  record Result(String sha256, long entries, long lastSeq, List<BundleVerifier.Problem> lineProblems,
      ChainVerification chain, Map<Long, String> hashes) {}

  /**
   * The longest line read as an entry: an entry's data is at most 1 MiB of canonical JSON,
   * and its other members are short, so a longer line was not written by the service.
   */
  static final int MAX_LINE = 4 * 1024 * 1024;
  /** Bytes a batch holds: large enough that a batch's overhead is small, small enough to keep several in flight. */
  private static final int BATCH_BYTES = 1024 * 1024;

  private BundleEntries() {}

  /**
   * @param wanted the seqs whose recorded hashes the caller needs (checkpoints' sizes)
   * @param threads how many threads parse and hash
   */
  static Result read(InputStream in, ExportNote note, Set<Long> wanted, int threads) throws IOException {
    MessageDigest fileSha = Sha256.digest();
    LineBatches batches = new LineBatches(in, fileSha, MAX_LINE, BATCH_BYTES);
    ChainVerifier.Running chain = new ChainVerifier.Running(note.tenantId(), note.previousHash(), note.fromSeq());
    Combiner combiner = new Combiner(chain, wanted);
    if (note.fromSeq() > 1) combiner.hashes.put(note.fromSeq() - 1, note.previousHash());
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "verify-entries");
      t.setDaemon(true);
      return t;
    });
    try {
      ArrayDeque<Pending> inFlight = new ArrayDeque<>();
      for (LineBatches.Batch b = batches.next(); b != null; b = batches.next()) {
        LineBatches.Batch batch = b;
        inFlight.add(new Pending(batch, pool.submit(() -> batch.tooLong() ? null
            : new EntryLines().check(batch, chainStart(batch, note)))));
        if (inFlight.size() > 2 * threads) combiner.take(inFlight.remove());
      }
      while (!inFlight.isEmpty()) combiner.take(inFlight.remove());
    } finally {
      pool.shutdownNow();
    }
    return new Result(HexFormat.of().formatHex(fileSha.digest()), combiner.entries, combiner.lastSeq,
        combiner.lineProblems(), chain.result(), combiner.hashes);
  }

  /** The recorded hash a batch's first line chains from: the line before it, or the note's for the first. */
  private static String chainStart(LineBatches.Batch batch, ExportNote note) {
    if (batch.previousLine() == null) return note.previousHash();
    byte[] line = batch.previousLine();
    CheckedLine previous = new EntryLines().check(line, 0, line.length, null);
    return previous.entry() ? previous.hash() : null;
  }

  private record Pending(LineBatches.Batch batch, Future<EntryLines.Checked> lines) {}

  /** Chains the workers' results in file order. */
  private static final class Combiner {
    private final ChainVerifier.Running chain;
    private final Set<Long> wanted;
    private final Map<Long, String> hashes = new HashMap<>();
    private final List<BundleVerifier.Problem> notEntries = new ArrayList<>();
    private final EntryLines again = new EntryLines();
    private long unlisted;
    private long lines;
    private long entries;
    private long lastSeq;
    private boolean previousWasEntry = true;

    Combiner(ChainVerifier.Running chain, Set<Long> wanted) {
      this.chain = chain;
      this.wanted = wanted;
    }

    void take(Pending pending) throws IOException {
      EntryLines.Checked checked;
      try {
        checked = pending.lines().get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while verifying entries");
      } catch (ExecutionException e) {
        throw new IllegalStateException("reading entries failed", e.getCause());
      }
      if (checked == null) {
        // A line too long to be an entry: counted, not read.
        notAnEntry(++lines);
        previousWasEntry = false;
        return;
      }
      LineBatches.Batch batch = pending.batch();
      CheckedLine[] all = checked.lines();
      for (int i = 0; i < all.length; i++) {
        CheckedLine line = all[i];
        lines++;
        if (!line.entry()) {
          notAnEntry(lines);
          previousWasEntry = false;
          continue;
        }
        String computed = line.computed();
        if (!previousWasEntry || !line.hashChecked()) {
          // The worker chained this line from the line before, which was not an entry: chain it
          // from the last entry, as a reader of the entries alone would.
          computed = again.check(batch.bytes(), checked.at().starts()[i], checked.at().ends()[i],
              chain.previousHash()).computed();
        }
        chain.check(line.seq(), line.tenantId(), line.time(), line.hash(), computed);
        if (wanted.contains(line.seq())) hashes.putIfAbsent(line.seq(), line.hash());
        entries++;
        lastSeq = line.seq();
        previousWasEntry = true;
      }
    }

    private void notAnEntry(long line) {
      if (notEntries.size() < ChainVerifier.Running.LISTED) {
        notEntries.add(new BundleVerifier.Problem("entries.jsonl line " + line, "not an audit entry"));
      } else {
        unlisted++;
      }
    }

    List<BundleVerifier.Problem> lineProblems() {
      if (unlisted == 0) return notEntries;
      List<BundleVerifier.Problem> all = new ArrayList<>(notEntries);
      all.add(new BundleVerifier.Problem("entries.jsonl", unlisted + " more lines are not audit entries"));
      return all;
    }
  }
}
