package dev.vigil.reports.pdf;

import dev.vigil.collectors.monitoring.Finding;
import dev.vigil.controls.catalog.Deviation;
import dev.vigil.reports.content.ControlSection;
import dev.vigil.reports.period.ControlPeriod;
import dev.vigil.reports.period.ExceptionInForce;
import dev.vigil.reports.period.PeriodDeviation;
import dev.vigil.reports.period.RunCounts;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One control's section: the control as declared and how it is tested, its runs in the period,
 * the timeline bar, the conclusion with every deviation, the exceptions in force and the sample.
 */
final class ControlChapter {

  /**
   * At most this many failing members or findings are named per deviation: a deviation over a
   * large population can name a thousand. The evidence package's deviations.csv lists them all.
   */
  static final int LISTED = 25;

  private ControlChapter() {}

  static void write(Blocks blocks, ControlSection section, Map<String, String> people) {
    ControlPeriod p = section.period();
    blocks.chapter(1, title(p));
    blocks.field("Family", p.control().family().wire());
    blocks.field("TSC criteria", String.join(", ", p.control().criteria()));
    blocks.field("Test procedure", p.control().procedure());
    blocks.field("Schedule", "Automated; runs " + p.scheduleWords(Formats::duration, Formats::time)
        + ", and when a change can affect its result");
    blocks.field("Population", section.populationKind().orElse("none (the control examines no members)"));

    blocks.subheading("Runs in the period");
    RunCounts runs = p.runs();
    blocks.field("Scheduled", Formats.count(runs.scheduled()));
    blocks.field("Change-triggered", Formats.count(runs.changeTriggered()));
    blocks.field("Manual", Formats.count(runs.manual()));
    blocks.field("Missed scheduled", Formats.count(runs.missedScheduled()));
    blocks.field("Passing", Formats.percent(p.passingShare()) + " of the period");
    if (!p.notApplicable().isZero()) {
      blocks.field("Not applicable", Formats.percent(p.notApplicableShare()) + " of the period (its runs found "
          + p.foundWhenNotApplicable() + ")");
    }
    blocks.gap(4);
    TimelineBar.draw(blocks, p);

    blocks.subheading("Conclusion");
    blocks.paragraph(blocks.fonts.bold, capitalised(p.conclusion()) + ".");
    if (!p.noDeviationsNoted()) deviations(blocks, p.deviations());

    blocks.subheading("Exceptions in force");
    if (p.exceptions().isEmpty()) {
      blocks.paragraph("No approved exception was in force in the period.");
    } else {
      exceptions(blocks, p.exceptions(), people);
    }

    SampleTable.write(blocks, section, people);
  }

  static String title(ControlPeriod p) {
    return p.control().id() + " — " + p.control().title();
  }

  private static void deviations(Blocks blocks, List<PeriodDeviation> deviations) {
    Table table = new Table(blocks, new Table.Column("Kind", 1.1f), new Table.Column("Start (UTC)", 1.85f),
        new Table.Column("End (UTC)", 1.85f), new Table.Column("Time to remediate", 1.3f),
        new Table.Column("Members", 2.45f), new Table.Column("Findings", 2.45f));
    for (PeriodDeviation d : deviations) {
      table.row(d.kind(), Formats.stamp(d.start()) + (d.beganBeforePeriod() ? "\nbefore period" : ""),
          d.openAtPeriodEnd() ? "open at period end" : Formats.stamp(d.end()),
          d.timeToRemediate().map(Formats::duration).orElse("open"), members(d), findings(d.findings()));
    }
    table.draw();
  }

  private static String members(PeriodDeviation d) {
    if (!d.errors().isEmpty()) return "not evaluated: " + String.join("; ", d.errors());
    if (d.members().isEmpty()) return d.kind().equals("failing") ? "" : "none tested";
    return listed(d.members().stream().map(ControlChapter::member).toList());
  }

  private static String member(Deviation m) {
    return m.detail() == null ? m.subjectId() : m.subjectId() + ": " + m.detail();
  }

  private static String findings(List<Finding> findings) {
    return listed(findings.stream().map(f -> f.id() + " (" + f.subjectId() + ") opened " + Formats.stamp(f.openedAt())
        + (f.resolvedAt() == null ? ", open" : ", resolved " + Formats.stamp(f.resolvedAt()))).toList());
  }

  /** Up to {@link #LISTED} lines, then how many more. */
  static String listed(List<String> lines) {
    String shown = lines.stream().limit(LISTED).collect(Collectors.joining("\n"));
    return lines.size() <= LISTED ? shown
        : shown + "\n… and " + (lines.size() - LISTED) + " more (all in the evidence package)";
  }

  private static void exceptions(Blocks blocks, List<ExceptionInForce> exceptions, Map<String, String> people) {
    Table table = new Table(blocks, new Table.Column("Member", 1.4f), new Table.Column("Approved by", 1.3f),
        new Table.Column("Reason", 2.2f), new Table.Column("In force (UTC)", 2.1f), new Table.Column("Covered", 2.6f));
    for (ExceptionInForce e : exceptions) {
      table.row(e.exception().subjectId(), Formats.person(e.exception().approvedBy(), people), e.exception().reason(),
          "from " + Formats.stamp(e.exception().createdAt()) + "\n" + Formats.end(e.exception(), people),
          e.covered().isEmpty() ? "no deviation" : e.covered().stream()
              .map(c -> "deviation of " + Formats.stamp(c.deviationStart()) + ": " + Formats.stamp(c.from()) + " to "
                  + Formats.stamp(c.to()))
              .collect(Collectors.joining("\n")));
    }
    table.draw();
  }

  private static String capitalised(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
