package dev.vigil.reports.pdf;

import dev.vigil.collectors.monitoring.ControlStatus;
import dev.vigil.reports.period.ControlPeriod;
import dev.vigil.reports.period.Period;
import dev.vigil.reports.period.StatusSegment;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A control's status over the period as a bar of coloured rectangles (vector graphics, so it
 * prints sharp at any size): passing, not applicable, failing, error, not run, with the
 * period's first and last day under it and a legend giving each colour its name and its share
 * of the period, so the figure reads without colour too. A stretch too short to see is drawn a little wider, so a
 * one-minute failure in a year still shows.
 */
final class TimelineBar {

  static final float BAR_HEIGHT = 14;
  static final float MIN_WIDTH = 1.2f;

  static final Map<ControlStatus, Rgb> COLORS = Map.of(ControlStatus.PASSING, Rgb.PASSING, ControlStatus.FAILING,
      Rgb.FAILING, ControlStatus.ERROR, Rgb.ERROR, ControlStatus.NOT_RUN, Rgb.NOT_RUN, ControlStatus.NOT_APPLICABLE,
      Rgb.NOT_APPLICABLE);

  /** The statuses in legend order, with the words the legend gives them. */
  static final List<Map.Entry<ControlStatus, String>> LEGEND = List.of(Map.entry(ControlStatus.PASSING, "passing"),
      Map.entry(ControlStatus.NOT_APPLICABLE, "not applicable"), Map.entry(ControlStatus.FAILING, "failing"),
      Map.entry(ControlStatus.ERROR, "error"), Map.entry(ControlStatus.NOT_RUN, "not run"));

  private TimelineBar() {}

  static void draw(Blocks blocks, ControlPeriod control) {
    PageFlow flow = blocks.flow;
    Fonts fonts = blocks.fonts;
    Style label = fonts.small.colored(Rgb.MUTED);
    float height = BAR_HEIGHT + 2 * label.leading() + 10;
    flow.ensure(height);
    Ink ink = flow.ink();
    Period period = control.period();
    float left = flow.left();
    float width = flow.width();
    float top = flow.y();
    float bottom = top - BAR_HEIGHT;
    double total = period.length().toNanos();
    // passing and not applicable first, so that deviations, widened when tiny, are drawn over them
    for (boolean operating : new boolean[] {true, false}) {
      for (StatusSegment s : control.timeline()) {
        if (s.operating() != operating) continue;
        float x = left + (float) (Duration.between(period.from(), s.start()).toNanos() / total * width);
        float w = (float) (s.length().toNanos() / total * width);
        if (!operating && w < MIN_WIDTH) w = MIN_WIDTH;
        ink.fill(COLORS.get(s.status()), Math.min(x, left + width - w), bottom, w, BAR_HEIGHT);
      }
    }
    ink.frame(Rgb.MUTED, 0.5f, left, bottom, width, BAR_HEIGHT);
    float axis = bottom - label.size() - 2;
    ink.text(label, left, axis, Formats.day(period.from()));
    ink.textRight(label, left + width, axis, Formats.day(period.to()) + " (end, exclusive)");
    float legend = axis - label.leading() - 2;
    float x = left;
    for (Map.Entry<ControlStatus, String> e : LEGEND) {
      Duration d = control.timeline().stream().filter(s -> s.status() == e.getKey()).map(StatusSegment::length)
          .reduce(Duration.ZERO, Duration::plus);
      String text = e.getValue() + " " + Formats.percent((double) d.toNanos() / total);
      ink.fill(COLORS.get(e.getKey()), x, legend - 1, 8, 8);
      ink.text(label, x + 11, legend, text);
      x += 11 + label.width(text) + 16;
    }
    flow.down(height);
  }
}
