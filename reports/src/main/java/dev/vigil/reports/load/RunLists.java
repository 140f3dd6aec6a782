package dev.vigil.reports.load;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The members a control's runs of a period listed, gathered while its history is read so that
 * the sample needs no pass of its own over the evidence: the population (the distinct members)
 * and each run's list. Runs mostly list the same members as the run before, so each distinct
 * list is held once and shared by the runs that listed it; when the distinct lists would hold
 * more than {@link #HELD_MAX} ids (a population that changes from run to run) they are dropped
 * ({@link #byRun} null) and the sampler reads them again. Not thread-safe: one control's read.
 */
final class RunLists {

  /** The most member ids the distinct lists may hold. */
  static final int HELD_MAX = 500_000;

  private final Set<String> population = new TreeSet<>();
  private final Map<List<String>, List<String>> distinct = new HashMap<>();
  private Map<String, List<String>> byRun = new HashMap<>();
  private boolean listed;
  private long held;

  /** Notes the members run {@code runId} listed (empty when it listed none). */
  void add(String runId, List<String> members) {
    if (members.isEmpty()) return;
    listed = true;
    if (byRun == null) {
      population.addAll(members);
      return;
    }
    List<String> shared = distinct.get(members);
    if (shared == null) {
      // Only a list not seen before can add to the population: most runs repeat the one before.
      population.addAll(members);
      held += members.size();
      if (held > HELD_MAX) {
        byRun = null;
        distinct.clear();
        return;
      }
      distinct.put(members, members);
      shared = members;
    }
    byRun.put(runId, shared);
  }

  /** Whether any run listed members. */
  boolean listed() {
    return listed;
  }

  /** The distinct members listed, sorted. */
  Set<String> population() {
    return population;
  }

  /** Each listing run's members, or null when they were too many to keep. */
  Map<String, List<String>> byRun() {
    return byRun;
  }
}
