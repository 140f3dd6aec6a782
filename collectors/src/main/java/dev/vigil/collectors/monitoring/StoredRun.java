package dev.vigil.collectors.monitoring;

import java.util.List;

/**
 * A run with its evidence record exactly as stored and hashed (canonical JSON), read in one
 * query: an evidence package writes both for every run of a period. {@code members} are the
 * members the record lists as examined, when it lists them ({@code membersListed}), else empty:
 * read in the same parse as the run's fields, since a report samples from them.
 */
public record StoredRun(ControlRun run, String evidence, List<String> members) {

  public StoredRun {
    members = List.copyOf(members);
  }
}
