package dev.vigil.reports.pdf;

import dev.vigil.controls.audit.Checkpoint;
import dev.vigil.controls.model.ControlException;
import dev.vigil.reports.content.ChainStatement;
import dev.vigil.reports.content.ControlSection;
import dev.vigil.reports.content.IncidentOutcome;
import dev.vigil.reports.content.ReportContent;
import dev.vigil.reports.period.ExceptionInForce;
import java.util.List;
import java.util.Map;

/** The appendices: populations and samples, every exception, the incidents, and the chain verification. */
final class Appendices {

  static final String TITLE = "Appendices";

  private Appendices() {}

  static void write(Blocks blocks, ReportContent content) {
    blocks.chapter(0, TITLE);
    blocks.paragraph("A. Populations and samples; B. Exceptions; C. Incidents; D. Chain verification.");
    populations(blocks, content.controls());
    exceptions(blocks, content.controls(), content.system().people());
    incidents(blocks, content);
    chain(blocks, content);
  }

  private static void populations(Blocks blocks, List<ControlSection> controls) {
    blocks.section("A. Populations and samples");
    List<ControlSection> withPopulation = controls.stream().filter(c -> c.populationKind().isPresent()).toList();
    if (withPopulation.isEmpty()) {
      blocks.paragraph("No control in this report examines a population.");
      return;
    }
    blocks.paragraph("Each control that examines a population of members, how many distinct members its runs in the "
        + "period examined, and the size of the sample drawn from them (the sampling table is in the documentation "
        + "of Vigil's reports).");
    Table table = new Table(blocks, new Table.Column("Control", 1.2f), new Table.Column("Population", 1.6f),
        new Table.Column("Members", 1), new Table.Column("Frequency", 1.6f), new Table.Column("Sample size", 1));
    for (ControlSection c : withPopulation) {
      table.row(c.period().control().id(), c.populationKind().get(),
          c.sample().map(s -> Formats.count(s.population())).orElse("—"),
          c.sample().map(s -> s.frequency().words()).orElse("—"),
          c.sample().map(s -> Formats.count(s.size())).orElse("no sample"));
    }
    table.draw();
  }

  private static void exceptions(Blocks blocks, List<ControlSection> controls, Map<String, String> people) {
    blocks.section("B. Exceptions");
    List<ControlException> all = controls.stream().flatMap(c -> c.period().exceptions().stream())
        .map(ExceptionInForce::exception).toList();
    if (all.isEmpty()) {
      blocks.paragraph("No approved exception was in force in the period.");
      return;
    }
    blocks.paragraph("Every approved exception in force at some time in the period, by control.");
    Table table = new Table(blocks, new Table.Column("Control", 0.9f), new Table.Column("Member", 1.4f),
        new Table.Column("Approved by", 1.4f), new Table.Column("Reason", 2.4f), new Table.Column("Approved (UTC)", 1.7f),
        new Table.Column("Ends (UTC)", 1.7f));
    for (ControlException e : all) {
      table.row(e.controlId(), e.subjectId(), Formats.person(e.approvedBy(), people), e.reason(),
          Formats.stamp(e.createdAt()), Formats.end(e, people));
    }
    table.draw();
  }

  private static void incidents(Blocks blocks, ReportContent content) {
    blocks.section("C. Incidents");
    if (content.system().incidents().isEmpty()) {
      blocks.paragraph("No incident was open in the period.");
      return;
    }
    for (IncidentOutcome o : content.system().incidents()) {
      blocks.subheading(o.incident().title());
      blocks.field("Id", o.incident().id());
      blocks.field("Severity", o.incident().severity() == null ? "" : o.incident().severity().wire());
      blocks.field("Customer data", o.incident().affectsCustomerData() ? "affected" : "not affected");
      blocks.field("Detected", Formats.time(o.incident().detectedAt()));
      blocks.field("Contained", Formats.time(o.incident().containedAt()));
      blocks.field("Customers notified", Formats.time(o.incident().customersNotifiedAt()));
      blocks.field("Resolved", Formats.time(o.incident().resolvedAt()));
      blocks.field("Postmortem", Formats.time(o.incident().postmortemAt()));
      blocks.field("SLAs", SystemSection.slas(o, content.period().to()));
      if (o.incident().description() != null && !o.incident().description().isBlank()) {
        blocks.field("Description", o.incident().description());
      }
    }
  }

  private static void chain(Blocks blocks, ReportContent content) {
    blocks.section("D. Chain verification");
    blocks.paragraph(statement(content.chain()));
    Checkpoint cp = content.chain().checkpoint();
    if (cp != null) {
      blocks.field("Checkpoint size", Formats.count(cp.size()) + " entries");
      blocks.field("Checkpoint head", cp.headHash(), blocks.fonts.mono);
      blocks.field("Checkpoint issued", Formats.time(cp.issuedAt()));
    }
    blocks.field("Sample seed", content.chain().sampleSeed(), blocks.fonts.mono);
    blocks.paragraph(blocks.fonts.small.colored(Rgb.MUTED), "Each entry's hash covers its content and the hash of "
        + "the entry before it, so changing, removing or reordering any entry changes every hash after it. The signed "
        + "checkpoint fixes the head; the sample seed is the SHA-256 of its signed note, so the samples were fixed "
        + "by the chain and anyone holding the checkpoint can draw them again.");
  }

  /** "Entries a..b verified, head hash …, checkpoint key id …." */
  static String statement(ChainStatement chain) {
    return "Entries " + chain.firstSeq() + ".." + chain.lastSeq() + " verified, chained from the recorded hash of the entry "
        + "before them; head hash " + chain.headHash() + ", checkpoint key id "
        + (chain.keyId() == null ? "none" : chain.keyId()) + ".";
  }
}
