package dev.vigil.controls.catalog;

import dev.vigil.controls.model.ControlException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The 18 controls of ../shared/DESIGN.md, in catalog order, built with one set of parameters.
 * Immutable.
 */
public final class Catalog {

  private final ControlParameters parameters;
  private final Map<String, Control> controls = new LinkedHashMap<>();

  public Catalog(ControlParameters parameters) {
    this.parameters = parameters;
    List<Control> all = new ArrayList<>();
    all.addAll(LeastPrivilegeControls.all(parameters));
    all.addAll(EncryptionControls.all(parameters));
    all.addAll(LoggingControls.all(parameters));
    all.addAll(VendorControls.all(parameters));
    all.addAll(IncidentControls.all(parameters));
    for (Control c : all) controls.put(c.id(), c);
  }

  public ControlParameters parameters() {
    return parameters;
  }

  public List<Control> all() {
    return List.copyOf(controls.values());
  }

  public Optional<Control> find(String id) {
    return Optional.ofNullable(controls.get(id));
  }

  public List<Control> family(Family family) {
    return controls.values().stream().filter(c -> c.info().family() == family).toList();
  }

  /** The facts the given controls need between them. */
  public static Set<Fact> needs(List<Control> controls) {
    Set<Fact> needs = EnumSet.noneOf(Fact.class);
    for (Control c : controls) needs.addAll(c.info().needs());
    return needs;
  }

  /**
   * Evaluates {@code control} and moves every failing member that an approved exception for
   * this control and subject covers at {@code now} to the excused list.
   */
  public static Evaluation evaluate(Control control, Snapshot snapshot, Instant now) {
    Evaluation raw = control.evaluate(snapshot, now);
    List<Deviation> failing = new ArrayList<>();
    List<Excused> excused = new ArrayList<>(raw.excused());
    for (Deviation d : raw.exceptions()) {
      Optional<ControlException> cover = snapshot.exceptions().stream()
          .filter(e -> e.controlId().equals(control.id()) && e.subjectId().equals(d.subjectId()) && e.coversAt(now))
          .max(Comparator.comparing(ControlException::expiresAt));
      if (cover.isPresent()) {
        excused.add(new Excused(d.subjectId(), d.detail(), cover.get().id(), cover.get().expiresAt()));
      } else {
        failing.add(d);
      }
    }
    return new Evaluation(raw.population(), failing, excused);
  }
}
