package dev.vigil.reports.oscal;

import static dev.vigil.reports.oscal.OscalNodes.code;
import static dev.vigil.reports.oscal.OscalNodes.evidence;
import static dev.vigil.reports.oscal.OscalNodes.line;
import static dev.vigil.reports.oscal.OscalNodes.prop;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.reports.PackageLayout;
import dev.vigil.reports.content.ChainStatement;
import dev.vigil.reports.content.ControlSection;
import dev.vigil.reports.content.ReportContent;
import dev.vigil.reports.period.ControlPeriod;
import dev.vigil.reports.period.RunCounts;
import dev.vigil.reports.sample.ItemResult;
import dev.vigil.reports.sample.Sample;
import dev.vigil.reports.sample.SampledItem;
import dev.vigil.reports.sample.Stretch;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The result's observations: one per control summarising its runs in the period, one per
 * sampled member with the runs that examined it, and one for the audit chain's verification.
 * Each points into the evidence package where the full record is. Observations are collected
 * at the period's end: the evidence is the runs up to it, whenever the report is generated.
 */
final class Observations {

  /** Stretches in which a sampled member did not pass that its observation names one by one; samples.csv has them all. */
  static final int NAMED_EXAMINATIONS = 20;

  private Observations() {}

  static String runSummaryRole(String controlId) {
    return "observation/" + controlId + "/run-summary";
  }

  static String sampleRole(String controlId, String memberId) {
    return "observation/" + controlId + "/sample/" + memberId;
  }

  static String chainRole() {
    return "observation/audit-chain";
  }

  static ArrayNode of(ReportContent report, StableUuid uuids, String toolUuid) {
    ArrayNode out = OscalNodes.array();
    String collected = report.period().to().toString();
    for (ControlSection section : report.controls()) {
      out.add(runSummary(section.period(), uuids, toolUuid, collected));
      section.sample().ifPresent(sample -> sample.items().forEach(item -> out.add(
          sampled(section, sample, item, uuids, toolUuid, collected))));
    }
    out.add(chain(report.chain(), uuids, toolUuid, collected));
    return out;
  }

  private static ObjectNode runSummary(ControlPeriod c, StableUuid uuids, String toolUuid, String collected) {
    String id = c.control().id();
    RunCounts runs = c.runs();
    ObjectNode o = OscalNodes.object().put("uuid", uuids.of(runSummaryRole(id)))
        .put("title", id + " " + line(c.control().title()) + ": runs in the period")
        .put("description", "Vigil tested " + code(id) + " automatically " + OscalNodes.count(runs.total(), "time") + " in the period ("
            + runs.scheduled() + " scheduled, " + runs.changeTriggered() + " change-triggered, " + runs.manual()
            + " manual); " + OscalNodes.count(runs.missedScheduled(), "scheduled run") + " missing. It was passing "
            + percent(c.passingShare()) + " of the period" + (c.notApplicable().isZero() ? ""
                : " and not applicable (its runs found " + c.foundWhenNotApplicable() + ") "
                    + percent(c.notApplicableShare()))
            + ". Conclusion: " + c.conclusion() + ".");
    ArrayNode props = o.putArray("props");
    prop(props, "control-id", id);
    prop(props, "runs-scheduled", runs.scheduled());
    prop(props, "runs-change-triggered", runs.changeTriggered());
    prop(props, "runs-manual", runs.manual());
    prop(props, "missed-scheduled-runs", runs.missedScheduled());
    prop(props, "passing-share", String.format(Locale.ROOT, "%.4f", c.passingShare()));
    prop(props, "passing-duration", c.passing());
    prop(props, "not-applicable-share", String.format(Locale.ROOT, "%.4f", c.notApplicableShare()));
    prop(props, "not-applicable-duration", c.notApplicable());
    prop(props, "deviations", c.deviations().size());
    prop(props, "conclusion", c.conclusion());
    o.putArray("methods").add("TEST");
    types(o, !c.noDeviationsNoted());
    o.set("origins", OscalNodes.origins(toolUuid));
    ArrayNode evidence = o.putArray("relevant-evidence");
    evidence(evidence, PackageLayout.runs(id), "Every run of " + id + " in the period, with its evidence record.");
    evidence(evidence, PackageLayout.deviations(id), "The deviations of " + id + " in the period.");
    if (c.deviations().stream().anyMatch(d -> !d.findings().isEmpty())) {
      evidence(evidence, PackageLayout.FINDINGS, "The findings of " + id + " open during its deviations.");
    }
    if (!c.exceptions().isEmpty()) {
      evidence(evidence, PackageLayout.EXCEPTIONS, "The approved exceptions to " + id + " in force in the period.");
    }
    o.put("collected", collected);
    return o;
  }

  private static ObjectNode sampled(ControlSection section, Sample sample, SampledItem item, StableUuid uuids,
      String toolUuid, String collected) {
    String id = sample.controlId();
    String kind = section.populationKind().orElse("members");
    Map<ItemResult, Long> results = item.runsByResult();
    StringBuilder d = new StringBuilder("Sampled member ").append(code(item.memberId())).append(" of the ")
        .append(line(kind)).append(" examined by ").append(code(id)).append(", one of ").append(sample.size())
        .append(" drawn from a population of ").append(sample.population()).append(" (rank ").append(code(item.rank()))
        .append(" under seed ").append(code(sample.seed())).append("). ")
        .append(OscalNodes.count(item.runs(), "run")).append(" in the period examined it: ").append(counts(results)).append('.');
    List<Stretch> notPassed = item.notPassed();
    for (Stretch e : notPassed.subList(0, Math.min(NAMED_EXAMINATIONS, notPassed.size()))) {
      d.append("\n\n- ").append(e.runs() == 1 ? "run " + code(e.firstRunId()) + " at " + e.firstStartedAt()
          : OscalNodes.count(e.runs(), "run") + " from " + code(e.firstRunId()) + " at " + e.firstStartedAt() + " to "
              + code(e.lastRunId()) + " at " + e.lastStartedAt())
          .append(": ").append(e.result().name().toLowerCase(Locale.ROOT));
      if (e.detail() != null) d.append(" (").append(line(e.detail())).append(')');
    }
    if (notPassed.size() > NAMED_EXAMINATIONS) {
      d.append("\n\n").append(notPassed.size() - NAMED_EXAMINATIONS).append(" more in ").append(code(PackageLayout.SAMPLES))
          .append('.');
    }
    if (!item.chainEntries().isEmpty()) {
      d.append("\n\n").append(OscalNodes.count(item.chainEntries().size(), "audit chain entry",
          "audit chain entries"))
          .append(" in the period changed it.");
    }
    ObjectNode o = OscalNodes.object().put("uuid", uuids.of(sampleRole(id, item.memberId())))
        .put("title", id + " sample: " + line(kind) + " " + line(item.memberId()))
        .put("description", d.toString());
    ArrayNode props = o.putArray("props");
    prop(props, "control-id", id);
    prop(props, "population-kind", kind);
    prop(props, "member-id", item.memberId());
    prop(props, "rank", item.rank());
    prop(props, "sample-seed", sample.seed());
    for (ItemResult r : ItemResult.values()) {
      prop(props, "runs-" + r.name().toLowerCase(Locale.ROOT), results.getOrDefault(r, 0L));
    }
    o.putArray("methods").add("TEST");
    types(o, results.containsKey(ItemResult.FAILED));
    o.set("origins", OscalNodes.origins(toolUuid));
    ArrayNode evidence = o.putArray("relevant-evidence");
    evidence(evidence, PackageLayout.SAMPLES, "The rows of control " + id + ", member " + line(item.memberId())
        + ": the runs that examined it, as stretches of consecutive runs that found the same.");
    evidence(evidence, PackageLayout.runs(id), "The runs of " + id + " that examined it, with their evidence records.");
    if (!item.chainEntries().isEmpty()) {
      evidence(evidence, PackageLayout.AUDIT_BUNDLE, "The audit chain entries that changed it: seq "
          + item.chainEntries().stream().map(e -> Long.toString(e.seq())).collect(Collectors.joining(", ")) + ".");
    }
    o.put("collected", collected);
    return o;
  }

  private static ObjectNode chain(ChainStatement chain, StableUuid uuids, String toolUuid, String collected) {
    ObjectNode o = OscalNodes.object().put("uuid", uuids.of(chainRole()))
        .put("title", "Audit chain verified for the period")
        .put("description", "Vigil verified the tenant's audit chain entries " + chain.firstSeq() + " to "
            + chain.lastSeq() + ", each chained to the one before it from the recorded hash of the entry before "
            + "them, ending in head hash " + code(chain.headHash()) + ". " + checkpoint(chain));
    ArrayNode props = o.putArray("props");
    prop(props, "first-seq", chain.firstSeq());
    prop(props, "last-seq", chain.lastSeq());
    prop(props, "head-hash", chain.headHash());
    prop(props, "checkpoint-key-id", chain.keyId());
    prop(props, "sample-seed", chain.sampleSeed());
    o.putArray("methods").add("TEST");
    o.set("origins", OscalNodes.origins(toolUuid));
    evidence(o.putArray("relevant-evidence"), PackageLayout.AUDIT_BUNDLE,
        "The audit export covering the period, with the signed checkpoint; verifiable offline.");
    o.put("collected", collected);
    return o;
  }

  private static String checkpoint(ChainStatement chain) {
    if (chain.checkpoint() == null) return "No signed checkpoint covers the period's end yet.";
    return "The signed checkpoint covering the period's end (" + chain.checkpoint().size() + " entries, issued "
        + chain.checkpoint().issuedAt() + ") is signed with key " + code(chain.keyId())
        + "; the SHA-256 of its signed note seeds every sample.";
  }

  /** Every observation bears on a control objective; one that saw a failure is also a finding. */
  private static void types(ObjectNode o, boolean failure) {
    ArrayNode types = o.putArray("types").add("control-objective");
    if (failure) types.add("finding");
  }

  private static String counts(Map<ItemResult, Long> results) {
    if (results.isEmpty()) return "none";
    return results.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(", "));
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }
}
