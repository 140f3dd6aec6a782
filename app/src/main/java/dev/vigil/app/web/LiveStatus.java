package dev.vigil.app.web;

import dev.vigil.collectors.monitoring.StatusRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fragment a page polls: each control's status badge and open findings as htmx
 * out-of-band swaps (matched by element id), and on the overview the counts above them.
 */
public final class LiveStatus extends PageView {

  /** One control's badge. */
  public record Badge(String id, Status status, long openFindings) {}

  private final List<Badge> badges = new ArrayList<>();
  private final boolean counts;
  private final long passing;
  private final long failing;
  private String control;
  private String newerRun;

  LiveStatus(WebSession session, List<String> controlIds, Map<String, StatusRow> statuses, boolean counts) {
    super("live.ftlh", session, "", "");
    for (String id : controlIds) {
      StatusRow s = statuses.get(id);
      badges.add(new Badge(id, Status.of(s), s == null ? 0 : s.openFindings()));
    }
    this.counts = counts;
    this.passing = Status.passing(statuses.values());
    this.failing = Status.failing(statuses.values());
  }

  /** On a control's page: the latest run of {@code controlId} when the page shows an older one (null: it does not). */
  LiveStatus newerRun(String controlId, String runId) {
    this.control = controlId;
    this.newerRun = runId;
    return this;
  }

  public String getControl() {
    return control;
  }

  public String getNewerRun() {
    return newerRun;
  }

  public List<Badge> getBadges() {
    return badges;
  }

  public boolean isCounts() {
    return counts;
  }

  public long getPassing() {
    return passing;
  }

  public long getFailing() {
    return failing;
  }
}
