package dev.vigil.app.web;

import com.codahale.metrics.health.HealthCheck;
import dev.vigil.collectors.monitoring.OverviewDao;
import dev.vigil.collectors.monitoring.StatusRow;
import dev.vigil.controls.audit.Checkpoint;
import dev.vigil.controls.catalog.Catalog;
import dev.vigil.controls.catalog.Control;
import dev.vigil.controls.catalog.Family;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What {@code overview.ftlh} shows; see {@link OverviewResource}. */
public final class OverviewPage extends PageView {

  /** A control's line: its id, title, status, open findings and chart. */
  public record Row(String id, String title, Status status, long openFindings, Sparkline chart) {}

  /** A family's controls, in catalog order. */
  public record FamilyRows(String name, List<Row> rows) {}

  private final List<FamilyRows> families = new ArrayList<>();
  private final long passing;
  private final long failing;
  private final OverviewDao.Ages ages;
  private final Duration medianRemediation;
  private final Instant lastSweep;
  private final long headSeq;
  private final Checkpoint checkpoint;
  private final HealthCheck.Result scheduler;
  private final boolean sweepsHere;
  private final HealthCheck.Result index;
  private final Instant now;

  OverviewPage(WebSession session, Catalog catalog, Map<String, StatusRow> statuses, Map<String, Sparkline> charts,
      OverviewDao.Ages ages, Duration medianRemediation, Instant lastSweep, long headSeq, Checkpoint checkpoint,
      HealthCheck.Result scheduler, boolean sweepsHere, HealthCheck.Result index, Instant now) {
    super("overview.ftlh", session, "Overview", "overview");
    for (Family family : Family.values()) {
      List<Row> rows = new ArrayList<>();
      for (Control c : catalog.all()) {
        if (c.info().family() != family) continue;
        StatusRow s = statuses.get(c.id());
        rows.add(new Row(c.id(), c.info().title(), Status.of(s), s == null ? 0 : s.openFindings(),
            charts.getOrDefault(c.id(), Sparkline.EMPTY)));
      }
      if (!rows.isEmpty()) families.add(new FamilyRows(FamilyNames.of(family), rows));
    }
    this.passing = Status.passing(statuses.values());
    this.failing = Status.failing(statuses.values());
    this.ages = ages;
    this.medianRemediation = medianRemediation;
    this.lastSweep = lastSweep;
    this.headSeq = headSeq;
    this.checkpoint = checkpoint;
    this.scheduler = scheduler;
    this.sweepsHere = sweepsHere;
    this.index = index;
    this.now = now;
  }

  public List<FamilyRows> getFamilies() {
    return families;
  }

  public long getControls() {
    return families.stream().mapToLong(f -> f.rows().size()).sum();
  }

  public long getPassing() {
    return passing;
  }

  public long getFailing() {
    return failing;
  }

  public OverviewDao.Ages getAges() {
    return ages;
  }

  public String getMedianRemediation() {
    return medianRemediation == null ? "—" : span(medianRemediation);
  }

  public String getLastSweep() {
    return ago(lastSweep, now);
  }

  public long getHeadSeq() {
    return headSeq;
  }

  public Checkpoint getCheckpoint() {
    return checkpoint;
  }

  public String getCheckpointAge() {
    return checkpoint == null ? "never" : ago(checkpoint.issuedAt(), now);
  }

  public HealthCheck.Result getScheduler() {
    return scheduler;
  }

  /**
   * Whether this node runs the scheduled sweeps. The page says so in its own words rather than
   * with the health check's message, which can carry a database error about any tenant.
   */
  public boolean isSweepsHere() {
    return sweepsHere;
  }

  /** The evidence index's health; null on a node that keeps no index. */
  public HealthCheck.Result getIndex() {
    return index;
  }
}
