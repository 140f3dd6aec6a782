package dev.vigil.reports.pdf;

import dev.vigil.controls.audit.AuditEntry;
import dev.vigil.reports.content.ControlSection;
import dev.vigil.reports.sample.Examination;
import dev.vigil.reports.sample.ItemResult;
import dev.vigil.reports.sample.Sample;
import dev.vigil.reports.sample.SampledItem;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A control's sample: how it was sized and drawn, then one row per sampled member with its
 * examinations and the chain entries that changed it. A member examined every five minutes for
 * a year has a hundred thousand examinations, so a row counts them by result, names every one
 * that did not pass (up to {@link ControlChapter#LISTED}) and the first and last; the evidence
 * package lists them all.
 */
final class SampleTable {

  private SampleTable() {}

  static void write(Blocks blocks, ControlSection section) {
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
      table.row(Integer.toString(++n), item.memberId(), examinations(item.examinations()), entries(item.chainEntries()));
    }
    table.draw();
  }

  static String examinations(List<Examination> all) {
    if (all.isEmpty()) return "not examined by any run in the period";
    Map<ItemResult, Long> counts = new EnumMap<>(ItemResult.class);
    all.forEach(e -> counts.merge(e.result(), 1L, Long::sum));
    List<String> lines = new ArrayList<>();
    lines.add(Formats.count(all.size()) + (all.size() == 1 ? " run: " : " runs: ") + counts.entrySet().stream()
        .map(e -> Formats.count(e.getValue()) + " " + words(e.getKey())).collect(Collectors.joining(", ")));
    List<String> notPassed = all.stream().filter(e -> e.result() != ItemResult.PASSED).map(SampleTable::line).toList();
    if (!notPassed.isEmpty()) lines.add(ControlChapter.listed(notPassed));
    lines.add("first " + line(all.get(0)));
    if (all.size() > 1) lines.add("last " + line(all.get(all.size() - 1)));
    return String.join("\n", lines);
  }

  private static String line(Examination e) {
    return Formats.stamp(e.startedAt()) + " " + e.trigger().wire() + " " + e.runId() + ": " + words(e.result())
        + (e.detail() == null ? "" : " (" + e.detail() + ")");
  }

  private static String words(ItemResult r) {
    return r.name().toLowerCase(Locale.ROOT);
  }

  static String entries(List<AuditEntry> entries) {
    if (entries.isEmpty()) return "none in the period";
    return ControlChapter.listed(entries.stream()
        .map(e -> "#" + e.seq() + " " + Formats.stamp(e.time()) + " " + e.kind() + " by " + e.actor().type() + " "
            + e.actor().id())
        .toList());
  }
}
