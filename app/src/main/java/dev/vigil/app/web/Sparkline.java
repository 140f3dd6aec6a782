package dev.vigil.app.web;

import dev.vigil.collectors.monitoring.OverviewDao;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A control's passing share over the last days as an inline SVG bar chart drawn on the server
 * (no script): one bar a day, full height, green up to the share of that day's runs that
 * passed and red above it (a failed or errored run counts against it, a not applicable one
 * does not count), a grey stub where no run counted. {@code percent} is the share over the whole window; null when nothing counted,
 * and then the label says whether the control ran at all.
 */
public record Sparkline(List<Bar> bars, Integer percent, String label) {

  /** Days shown. */
  static final int DAYS = 30;
  static final int WIDTH = 4;
  static final int GAP = 1;
  static final int HEIGHT = 24;

  /** One rectangle of a day's bar: where it stands, how tall, and its class (pass, fail, none). */
  public record Bar(int x, int y, int height, String css) {}

  /** A control that has not run in the window. */
  static final Sparkline EMPTY = draw(new long[DAYS][3]);

  public int getWidth() {
    return DAYS * (WIDTH + GAP);
  }

  /** The chart of each control, from the runs counted by day since {@code from}. */
  static Map<String, Sparkline> of(List<OverviewDao.DayCount> counts, Instant now) {
    long today = Math.floorDiv(now.getEpochSecond(), 86400);
    long first = today - DAYS + 1;
    Map<String, long[][]> byControl = new HashMap<>();
    for (OverviewDao.DayCount c : counts) {
      int day = (int) (c.epochDay() - first);
      if (day < 0 || day >= DAYS) continue;
      long[][] days = byControl.computeIfAbsent(c.controlId(), k -> new long[DAYS][3]);
      switch (c.result()) {
        case "PASS" -> days[day][0] += c.runs();
        case "FAIL", "ERROR" -> days[day][1] += c.runs();
        default -> days[day][2] += c.runs(); // not applicable: ran, counts neither way
      }
    }
    Map<String, Sparkline> out = new HashMap<>();
    byControl.forEach((id, days) -> out.put(id, draw(days)));
    return out;
  }

  private static Sparkline draw(long[][] days) {
    List<Bar> bars = new ArrayList<>(DAYS);
    long passed = 0;
    long counted = 0;
    long uncounted = 0;
    for (int d = 0; d < DAYS; d++) {
      long pass = days[d][0];
      long all = pass + days[d][1];
      passed += pass;
      counted += all;
      uncounted += days[d][2];
      int x = d * (WIDTH + GAP);
      if (all == 0) {
        bars.add(new Bar(x, HEIGHT - 2, 2, "none"));
        continue;
      }
      int green = (int) Math.round(HEIGHT * (double) pass / all);
      if (green > 0) bars.add(new Bar(x, HEIGHT - green, green, "pass"));
      if (green < HEIGHT) bars.add(new Bar(x, 0, HEIGHT - green, "fail"));
    }
    Integer percent = counted == 0 ? null : (int) Math.floor(100.0 * passed / counted);
    String label = percent != null ? percent + "% of runs passed in the last " + DAYS + " days"
        : uncounted > 0 ? "Not applicable in every run of the last " + DAYS + " days"
        : "No runs in the last " + DAYS + " days";
    return new Sparkline(bars, percent, label);
  }
}
