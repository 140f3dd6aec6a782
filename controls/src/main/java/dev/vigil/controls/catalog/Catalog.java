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
import java.util.stream.Stream;

/**
 * Controls built from their declarations with one set of parameter values, in declaration
 * order: Vigil's 18 ({@link #standard()}), or those and more (a test's own). What the
 * scheduler sweeps, what a change re-runs and which ids an exception may name all come from
 * the catalog instance handed to them. Immutable.
 */
public final class Catalog {

  private final ControlParameters parameters;
  private final Map<String, Control> controls = new LinkedHashMap<>();
  private final Map<String, List<Control>> byTrigger = new LinkedHashMap<>();
  private final List<Parameter<?>> declared;

  /** Vigil's 18 controls with {@code parameters}. */
  public Catalog(ControlParameters parameters) {
    this(parameters, standard());
  }

  private Catalog(ControlParameters parameters, List<ControlDeclaration> declarations) {
    this.parameters = parameters;
    this.declared = parametersOf(declarations);
    for (ControlDeclaration d : declarations) {
      Control c = d.bind(parameters);
      if (controls.putIfAbsent(c.id(), c) != null) throw new IllegalArgumentException("two controls " + c.id());
      for (String kind : c.info().triggers()) byTrigger.computeIfAbsent(kind, k -> new ArrayList<>()).add(c);
    }
    byTrigger.replaceAll((kind, list) -> List.copyOf(list));
  }

  /** The controls of {@code declarations} with {@code parameters}. */
  public static Catalog of(ControlParameters parameters, List<ControlDeclaration> declarations) {
    return new Catalog(parameters, declarations);
  }

  /** Vigil's 18 controls, in catalog order: least privilege, encryption, logging, vendors, incidents. */
  public static List<ControlDeclaration> standard() {
    return Stream.of(LeastPrivilegeControls.all(), EncryptionControls.all(), LoggingControls.all(),
        VendorControls.all(), IncidentControls.all()).flatMap(List::stream).toList();
  }

  /**
   * Every parameter {@code declarations} read, once each, in declaration order.
   *
   * @throws IllegalArgumentException when two different parameters share a name
   */
  public static List<Parameter<?>> parametersOf(List<ControlDeclaration> declarations) {
    Map<String, Parameter<?>> byName = new LinkedHashMap<>();
    for (ControlDeclaration d : declarations) {
      for (Parameter<?> p : d.parameters()) {
        Parameter<?> known = byName.putIfAbsent(p.name(), p);
        if (known != null && !known.equals(p)) throw new IllegalArgumentException("two parameters named " + p.name());
      }
    }
    return List.copyOf(byName.values());
  }

  public ControlParameters parameters() {
    return parameters;
  }

  /** Every parameter the catalog's controls read, once each, in catalog order. */
  public List<Parameter<?>> declaredParameters() {
    return declared;
  }

  public List<Control> all() {
    return List.copyOf(controls.values());
  }

  /** Every control id, in catalog order. */
  public List<String> ids() {
    return List.copyOf(controls.keySet());
  }

  public Optional<Control> find(String id) {
    return Optional.ofNullable(controls.get(id));
  }

  public List<Control> family(Family family) {
    return controls.values().stream().filter(c -> c.info().family() == family).toList();
  }

  /** The controls whose result an audit entry of {@code kind} (or a {@link TriggerKinds} moment) can change. */
  public List<Control> triggeredBy(String kind) {
    return byTrigger.getOrDefault(kind, List.of());
  }

  /** The facts the given controls need between them. */
  public static Set<Fact> needs(List<Control> controls) {
    Set<Fact> needs = EnumSet.noneOf(Fact.class);
    for (Control c : controls) needs.addAll(c.info().needs());
    return needs;
  }

  /**
   * Evaluates {@code control} and moves every failing member that an approved exception for
   * this control and subject covers at {@code now} to the excused list; the population and
   * the members examined stay as the control found them.
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
    return new Evaluation(raw.population(), raw.members(), failing, excused, raw.scope());
  }
}
