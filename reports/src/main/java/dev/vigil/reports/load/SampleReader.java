package dev.vigil.reports.load;

import dev.vigil.controls.audit.AuditEntry;
import dev.vigil.reports.content.ChainStatement;
import dev.vigil.reports.period.ControlHistory;
import dev.vigil.reports.period.Period;
import dev.vigil.reports.sample.Sample;
import dev.vigil.reports.sample.SampleEvidence;
import dev.vigil.reports.sample.SampledItem;
import dev.vigil.reports.sample.Sampler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/**
 * A control's sample for a period. The population is the distinct members the period's runs
 * examined, as their evidence records list them; a control none of whose runs listed members
 * (its population was too big to list, it counts things that are not objects, or it did not
 * run) has no sample. The lists come from {@link RunLists}, filled while the control's history
 * is read; once the sample is drawn, the runs that examined a sampled member are found in them,
 * or, when they held too many ids to keep, by reading the evidence a second time a page at a
 * time. Memory holds the population, the sample and a bounded number of lists, never every
 * run's list.
 */
final class SampleReader {

  /** The most chain entries listed per sampled member; the PDF prints up to 25 of them. */
  static final int ENTRIES_PER_MEMBER = 100;

  private final Jdbi jdbi;

  SampleReader(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * The sample of {@code history}'s control for a control run every {@code interval}, from the
   * member lists of its runs in the period as {@link ControlReader} read them.
   */
  Optional<Sample> read(ControlHistory history, RunLists lists, Duration interval, Period period,
      ChainStatement chain) {
    String tenantId = history.tenantId();
    String controlId = history.control().id();
    if (!lists.listed()) return Optional.empty();
    Sample drawn = Sampler.draw(chain.sampleSeed(), controlId, interval, lists.population());
    Set<String> sampled = new HashSet<>();
    drawn.items().forEach(i -> sampled.add(i.memberId()));
    Function<List<String>, Set<String>> hits = members -> {
      Set<String> hit = new HashSet<>();
      for (String m : members) {
        if (sampled.contains(m)) hit.add(m);
      }
      return hit;
    };
    Map<String, Set<String>> examinedByRun = new HashMap<>();
    if (lists.byRun() != null) {
      // Runs that listed the same members share one list (RunLists), and so one set of hits: a
      // year's hundred thousand runs of a control hold a few sets, not one each.
      Map<List<String>, Set<String>> shared = new IdentityHashMap<>();
      lists.byRun().forEach((runId, members) -> {
        Set<String> hit = shared.computeIfAbsent(members, hits);
        if (!hit.isEmpty()) examinedByRun.put(runId, hit);
      });
    } else {
      forEachRun(tenantId, controlId, period, (runId, members) -> {
        Set<String> hit = hits.apply(members);
        if (!hit.isEmpty()) examinedByRun.put(runId, hit);
      });
    }
    Sample attached = SampleEvidence.attach(drawn, period, history.runs(), examinedByRun);
    Map<String, List<AuditEntry>> entries = entries(tenantId, sampled, chain);
    List<SampledItem> items = attached.items().stream()
        .map(i -> i.withChainEntries(entries.getOrDefault(i.memberId(), List.of()))).toList();
    return Optional.of(new Sample(attached.controlId(), attached.frequency(), attached.population(),
        attached.size(), attached.seed(), items));
  }

  /** The runs' member lists read again, when {@link RunLists} could not keep them. */
  private void forEachRun(String tenantId, String controlId, Period period, BiConsumer<String, List<String>> each) {
    PeriodDao dao = jdbi.onDemand(PeriodDao.class);
    String after = "";
    while (true) {
      List<PeriodDao.RunEvidence> page = dao.evidence(tenantId, controlId, period.from(), period.to(), after,
          Pages.SIZE);
      for (PeriodDao.RunEvidence r : page) each.accept(r.id(), RunMembers.of(r.id(), r.evidence()));
      if (page.size() < Pages.SIZE) return;
      after = page.get(page.size() - 1).id();
    }
  }

  /** The period's entries about each sampled member, oldest first, at most {@link #ENTRIES_PER_MEMBER} each. */
  private Map<String, List<AuditEntry>> entries(String tenantId, Set<String> members, ChainStatement chain) {
    Map<String, List<AuditEntry>> out = new HashMap<>();
    if (members.isEmpty()) return out;
    PeriodDao dao = jdbi.onDemand(PeriodDao.class);
    Set<String> open = new HashSet<>(members);
    long after = chain.firstSeq() - 1;
    while (!open.isEmpty() && after < chain.lastSeq()) {
      List<AuditEntry> page = dao.aboutSubjects(tenantId, after, chain.lastSeq(), open, Pages.SIZE);
      for (AuditEntry e : page) {
        List<AuditEntry> list = out.computeIfAbsent(e.subject(), s -> new ArrayList<>());
        if (list.size() < ENTRIES_PER_MEMBER) list.add(e);
        if (list.size() == ENTRIES_PER_MEMBER) open.remove(e.subject());
      }
      if (page.size() < Pages.SIZE) break;
      after = page.get(page.size() - 1).seq();
    }
    return out;
  }
}
