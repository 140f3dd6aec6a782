package dev.vigil.app.web;

import dev.vigil.collectors.monitoring.StatusRow;
import dev.vigil.controls.catalog.Catalog;
import dev.vigil.controls.catalog.Control;
import dev.vigil.controls.catalog.Family;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The controls list, filtered by family and status. */
public final class ControlsPage extends PageView {

  /** A control's line. */
  public record Row(String id, String title, String family, Status status, long openFindings, String lastRun) {}

  /** A choice of a filter: its value, its label, whether chosen. */
  public record Choice(String value, String label, boolean chosen) {}

  static final List<Status> STATUSES = List.of(new Status("passing", "Passing"),
      new Status("failing", "Failing"), new Status("error", "Error"), new Status("na", "Not applicable"),
      new Status("notrun", "Not run yet"));

  private final List<Row> rows = new ArrayList<>();
  private final List<Choice> families;
  private final List<Choice> statuses;

  ControlsPage(WebSession session, Catalog catalog, Map<String, StatusRow> status, Family family, String chosenStatus) {
    super("controls.ftlh", session, "Controls", "controls");
    for (Control c : catalog.all()) {
      if (family != null && c.info().family() != family) continue;
      StatusRow s = status.get(c.id());
      Status st = Status.of(s);
      if (!chosenStatus.isEmpty() && !st.css().equals(chosenStatus)) continue;
      rows.add(new Row(c.id(), c.info().title(), FamilyNames.of(c.info().family()), st,
          s == null ? 0 : s.openFindings(), s == null ? "—" : when(s.lastRunAt())));
    }
    families = Arrays.stream(Family.values()).map(f -> new Choice(f.wire(), FamilyNames.of(f), f == family)).toList();
    statuses = STATUSES.stream().map(s -> new Choice(s.css(), s.label(), s.css().equals(chosenStatus))).toList();
  }

  public List<Row> getRows() {
    return rows;
  }

  public List<Choice> getFamilies() {
    return families;
  }

  public List<Choice> getStatuses() {
    return statuses;
  }
}
