package dev.vigil.reports.load;

import dev.vigil.collectors.audit.AuditLog;
import dev.vigil.controls.audit.AuditEntry;
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
import dev.vigil.reports.sample.Sample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleConsumer;

/**
 * Reads one tenant's period from the database and states it as a report's content: the range
 * of the period's chain and the checkpoint at its end (whose note seeds the samples), then each
 * control of the catalog in order, one at a time (its history, the period model's account, its
 * sample), so memory holds one control's runs at once, then one pass over the period's chain
 * that verifies it (or no report), counts its activity and finds the sampled members' entries,
 * then the system description. Reports progress from 0 to 1: a step per control, one for the
 * chain's pass, one for the system. Thread-safe; docs/reports.md ("Reading a period").
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
    StoredRuns runs = new StoredRuns(sources.controls());
    this.controls = new ControlReader(sources.controls(), runs);
    this.samples = new SampleReader(runs);
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
    ChainReader.Start start = chain.start(tenantId, period);
    Map<String, List<ControlException>> exceptions = exceptionsByControl(tenantId);
    // Each control's section, its sample still without the chain entries the pass finds.
    List<ControlSection> read = new ArrayList<>();
    Set<String> sampled = new HashSet<>();
    for (int i = 0; i < all.size(); i++) {
      ControlInfo info = all.get(i).info();
      RunLists lists = new RunLists();
      ControlHistory history = controls.read(tenantId, info, interval(info), period,
          exceptions.getOrDefault(info.id(), List.of()), lists, sink);
      ControlPeriod model = PeriodModel.of(period, history);
      Optional<Sample> sample = samples.read(history, lists, model.shortestInterval(), period, start.sampleSeed());
      sample.ifPresent(s -> s.items().forEach(item -> sampled.add(item.memberId())));
      read.add(new ControlSection(model, PopulationKinds.of(info), sample));
      progress.accept((i + 1.0) / steps);
    }
    ChainReader.Read chainRead = chain.verify(start, sink, sampled);
    progress.accept((all.size() + 1.0) / steps);
    List<ControlSection> sections = read.stream().map(c -> new ControlSection(c.period(), c.populationKind(),
        c.sample().map(s -> withChainEntries(s, chainRead.entries())))).toList();
    SystemDescription description = system.read(tenantId, period, chainRead.activity());
    ChainStatement statement = chainRead.statement();
    progress.accept(1);
    return new ReportContent(request.reportId(), tenantId, tenant.name(), request.title(), period,
        request.generatedAt(), ReportReader.class.getPackage().getImplementationVersion(), statement, description,
        sections);
  }

  private static Sample withChainEntries(Sample s, Map<String, List<AuditEntry>> entries) {
    return new Sample(s.controlId(), s.frequency(), s.population(), s.size(), s.seed(), s.items().stream()
        .map(i -> i.withChainEntries(entries.getOrDefault(i.memberId(), List.of()))).toList());
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
