package dev.vigil.reports.load;

import dev.vigil.collectors.audit.AuditLog;
import dev.vigil.controls.catalog.Catalog;
import dev.vigil.controls.catalog.Control;
import dev.vigil.controls.catalog.ControlInfo;
import dev.vigil.controls.catalog.Family;
import dev.vigil.controls.model.ControlException;
import dev.vigil.controls.model.Tenant;
import dev.vigil.reports.ReportRequest;
import dev.vigil.reports.content.ChainStatement;
import dev.vigil.reports.content.ControlSection;
import dev.vigil.reports.content.ReportContent;
import dev.vigil.reports.content.SystemDescription;
import dev.vigil.reports.period.ControlHistory;
import dev.vigil.reports.period.ControlPeriod;
import dev.vigil.reports.period.Period;
import dev.vigil.reports.period.PeriodModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleConsumer;

/**
 * Reads one tenant's period from the database and states it as a report's content: the chain
 * statement first (verified, or no report), then the system description, then each control of
 * the catalog in order, one at a time (its history, the period model's account, its sample), so
 * memory holds one control's runs at once. Reports progress from 0 to 1: a step for the chain
 * and the system, then one per control. Thread-safe; docs/reports.md ("Reading a period").
 */
public final class ReportReader {

  private final Sources sources;
  private final Catalog catalog;
  private final Map<Family, Duration> schedules;
  private final ChainReader chain;
  private final ControlReader controls;
  private final SampleReader samples;
  private final SystemReader system;

  public ReportReader(Sources sources, Catalog catalog, Map<Family, Duration> schedules) {
    this.sources = Objects.requireNonNull(sources, "sources");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.schedules = Map.copyOf(schedules);
    this.chain = new ChainReader(sources);
    this.controls = new ControlReader(sources.controls());
    this.samples = new SampleReader(sources.jdbi());
    this.system = new SystemReader(sources, new IncidentSlas(catalog.parameters()));
  }

  /** The report's content, read without writing anything ({@link PeriodSink#readOnly}). */
  public ReportContent read(ReportRequest request, DoubleConsumer progress) {
    try {
      return read(request, progress, PeriodSink.readOnly(new AuditLog(sources.jdbi())));
    } catch (IOException e) {
      throw new UncheckedIOException("reading the period failed", e);
    }
  }

  /**
   * The report's content, streaming the period's audit entries and each control's runs through
   * {@code sink} as they are read (the evidence package writes them there).
   *
   * @throws IllegalArgumentException when the tenant does not exist or has no audit entry
   *     before the period's end
   * @throws ChainNotVerified when the period's audit chain or its checkpoint does not verify
   * @throws IOException when the sink cannot write
   */
  public ReportContent read(ReportRequest request, DoubleConsumer progress, PeriodSink sink) throws IOException {
    String tenantId = request.tenantId();
    Period period = request.period();
    Tenant tenant = sources.tenants().find(tenantId)
        .orElseThrow(() -> new IllegalArgumentException("no tenant " + tenantId));
    List<Control> all = catalog.all();
    int steps = all.size() + 2;
    progress.accept(0);
    ChainReader.Read chainRead = chain.read(tenantId, period, sink);
    ChainStatement statement = chainRead.statement();
    progress.accept(1.0 / steps);
    SystemDescription description = system.read(tenantId, period, chainRead.activity());
    progress.accept(2.0 / steps);
    Map<String, List<ControlException>> exceptions = exceptionsByControl(tenantId);
    List<ControlSection> sections = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      ControlInfo info = all.get(i).info();
      RunLists lists = new RunLists();
      ControlHistory history = controls.read(tenantId, info, interval(info), period,
          exceptions.getOrDefault(info.id(), List.of()), lists, sink);
      ControlPeriod model = PeriodModel.of(period, history);
      sections.add(new ControlSection(model, PopulationKinds.of(info),
          samples.read(history, lists, model.shortestInterval(), period, statement)));
      progress.accept((i + 3.0) / steps);
    }
    return new ReportContent(request.reportId(), tenantId, tenant.name(), request.title(), period,
        request.generatedAt(), ReportReader.class.getPackage().getImplementationVersion(), statement, description,
        sections);
  }

  private Duration interval(ControlInfo info) {
    Duration d = schedules.get(info.family());
    if (d == null) throw new IllegalArgumentException("no schedule for family " + info.family().wire());
    return d;
  }

  /** The tenant's approved exceptions by control: few, so read once rather than per control. */
  private Map<String, List<ControlException>> exceptionsByControl(String tenantId) {
    Map<String, List<ControlException>> out = new HashMap<>();
    Pages.forEach(c -> sources.exceptions().list(tenantId, c, Pages.SIZE),
        e -> out.computeIfAbsent(e.controlId(), k -> new ArrayList<>()).add(e));
    return out;
  }
}
