package dev.vigil.reports.pdf;

import dev.vigil.controls.audit.AuditEntry;
import dev.vigil.reports.content.ControlSection;
import dev.vigil.reports.sample.ItemResult;
import dev.vigil.reports.sample.Sample;
import dev.vigil.reports.sample.SampledItem;
import dev.vigil.reports.sample.Stretch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A control's sample: how it was sized and drawn, then one row per sampled member with its
 * examinations and the chain entries that changed it. A member examined every five minutes for
 * a year has a hundred thousand examinations, so a row counts them by result, names every
 * stretch of runs in which it did not pass (up to {@link ControlChapter#LISTED}) and the first
 * and last run; the evidence package lists every stretch, and every run.
 */
final class SampleTable {

  private SampleTable() {}

  static void write(Blocks blocks, ControlSection section, Map<String, String> people) {
    blocks.subheading("Sample");
    if (section.sample().isEmpty()) {
      blocks.paragraph(section.populationKind().isEmpty()
          ? "The control examines no population of members; its runs above are its evidence."
          : "No sample was drawn.");
      return;
    }
    Sample s = section.sample().get();
    blocks.field("Population", Formats.count(s.population()) + " " + section.populationKind().orElse("members"));
    blocks.field("Frequency", s.frequency().words());
    blocks.field("Sample size", Formats.count(s.size()) + (s.wholePopulation() ? " (the whole population)" : ""));
    blocks.field("Seed", s.seed(), blocks.fonts.mono);
    if (s.items().isEmpty()) {
      blocks.paragraph("The population was empty: there was nothing to sample.");
      return;
    }
    Table table = new Table(blocks, new Table.Column("#", 0.35f), new Table.Column("Member", 1.7f),
        new Table.Column("Examinations in the period (UTC)", 4.2f), new Table.Column("Chain entries", 2.4f));
    int n = 0;
    for (SampledItem item : s.items()) {
      table.row(Integer.toString(++n), item.memberId(), examinations(item),
          entries(item.chainEntries(), people));
    }
    table.draw();
  }

  static String examinations(SampledItem item) {
    List<Stretch> all = item.examinations();
    if (all.isEmpty()) return "not examined by any run in the period";
    long runs = item.runs();
    List<String> lines = new ArrayList<>();
    lines.add(Formats.count(runs) + (runs == 1 ? " run: " : " runs: ") + item.runsByResult().entrySet().stream()
        .map(e -> Formats.count(e.getValue()) + " " + words(e.getKey())).collect(Collectors.joining(", ")));
    List<String> notPassed = item.notPassed().stream().map(SampleTable::line).toList();
    if (!notPassed.isEmpty()) lines.add(ControlChapter.listed(notPassed));
    Stretch first = all.get(0);
    Stretch last = all.get(all.size() - 1);
    lines.add("first " + Formats.stamp(first.firstStartedAt()) + " " + first.firstRunId());
    if (runs > 1) lines.add("last " + Formats.stamp(last.lastStartedAt()) + " " + last.lastRunId());
    return String.join("\n", lines);
  }

  /** A stretch: its run (or first and last run, and how many) and what they found. */
  private static String line(Stretch s) {
    String runs = s.runs() == 1 ? Formats.stamp(s.firstStartedAt()) + " " + s.firstRunId()
        : Formats.stamp(s.firstStartedAt()) + " to " + Formats.stamp(s.lastStartedAt()) + ", " + Formats.count(s.runs())
            + " runs " + s.firstRunId() + " to " + s.lastRunId();
    return runs + ": " + words(s.result()) + (s.detail() == null ? "" : " (" + s.detail() + ")");
  }

  private static String words(ItemResult r) {
    return r.name().toLowerCase(Locale.ROOT);
  }

  static String entries(List<AuditEntry> entries, Map<String, String> people) {
    if (entries.isEmpty()) return "none in the period";
    return ControlChapter.listed(entries.stream()
        .map(e -> "#" + e.seq() + " " + Formats.stamp(e.time()) + " " + e.kind() + " by " + e.actor().type() + " "
            + ("user".equals(e.actor().type()) ? Formats.person(e.actor().id(), people) : e.actor().id()))
        .toList());
  }
}
