package dev.vigil.controls.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One control, stated in one place: its id, title, family and SOC 2 criteria, the facts it
 * reads, what its population's members are, what can change its result, the parameters it
 * reads, its test procedure, when it is not applicable, how severe its findings are and what
 * fixes them, and its evaluation. Everything else derives from declarations: the
 * {@link Catalog}, the trigger map, the valid control ids, the parameters config.yml accepts,
 * the facts a run loads and the tables of docs/controls.md. The catalog's declarations are
 * constants of their family's class ({@code LeastPrivilegeControls.AC_1} ...);
 * docs/adding-a-control.md walks through adding one.
 *
 * <p>Immutable and thread-safe as long as the rule is pure, which every rule of the catalog is.
 */
public final class ControlDeclaration {

  /**
   * How a control judges one tenant's facts at an instant: the population it examined and
   * every member that fails, before approved exceptions. {@code parameters} reads only the
   * parameters the control declared; {@code snapshot} only the facts it reads.
   */
  @FunctionalInterface
  public interface Rule {
    Evaluation evaluate(Snapshot snapshot, Instant now, ControlParameters parameters);
  }

  private final String id;
  private final String title;
  private final Family family;
  private final List<String> criteria;
  private final Set<Fact> reads;
  private final Population population;
  private final List<String> triggers;
  private final List<Parameter<?>> parameters;
  private final Function<ControlParameters, String> procedure;
  private final String notApplicableWhen;
  private final FindingSeverity severity;
  private final String remediation;
  private final boolean memberwise;
  private final Rule rule;

  private ControlDeclaration(Builder b, Rule rule) {
    this.id = b.id;
    this.title = b.title;
    this.family = b.family;
    this.criteria = List.copyOf(b.criteria);
    this.reads = Set.copyOf(b.reads);
    this.population = b.population;
    this.triggers = List.copyOf(b.triggers);
    this.parameters = List.copyOf(b.parameters);
    this.procedure = b.procedure;
    this.notApplicableWhen = b.notApplicableWhen;
    this.severity = b.severity;
    this.remediation = b.remediation;
    this.memberwise = b.memberwise;
    this.rule = rule;
  }

  /** Starts the declaration of control {@code id}; {@link Builder#evaluates} ends it. */
  public static Builder control(String id, String title, Family family) {
    return new Builder(id, title, family);
  }

  public String id() {
    return id;
  }

  public Family family() {
    return family;
  }

  /** What the control's members are; empty when it counts things that are not objects. */
  public Optional<Population> population() {
    return Optional.ofNullable(population);
  }

  /** The parameters the control reads, in the order it declared them. */
  public List<Parameter<?>> parameters() {
    return parameters;
  }

  /** The control with {@code values} in force: its procedure states them, its rule applies them. */
  public Control bind(ControlParameters values) {
    ControlParameters own = values.only(parameters);
    ControlInfo info = new ControlInfo(id, title, family, criteria, procedure.apply(own), reads, triggers,
        parameters, population, notApplicableWhen, severity, remediation, memberwise);
    return new RuleControl(info, (snapshot, now) -> rule.evaluate(snapshot, now, own));
  }

  /** Collects a declaration; every part but triggers and parameters is required. */
  public static final class Builder {
    private final String id;
    private final String title;
    private final Family family;
    private final List<String> criteria = new ArrayList<>();
    private final Set<Fact> reads = EnumSet.noneOf(Fact.class);
    private Population population;
    private final Set<String> triggers = new LinkedHashSet<>();
    private final Set<Parameter<?>> parameters = new LinkedHashSet<>();
    private Function<ControlParameters, String> procedure;
    private String notApplicableWhen;
    private FindingSeverity severity;
    private String remediation;
    private boolean memberwise;

    private Builder(String id, String title, Family family) {
      this.id = Objects.requireNonNull(id);
      this.title = Objects.requireNonNull(title);
      this.family = Objects.requireNonNull(family);
    }

    /** The SOC 2 criteria the control maps to, in the order a report lists them. */
    public Builder criteria(String... criteria) {
      this.criteria.addAll(List.of(criteria));
      return this;
    }

    /** The facts the rule reads; a run loads these, and reading another throws. */
    public Builder reads(Fact... facts) {
      reads.addAll(List.of(facts));
      return this;
    }

    /** What each member of the population (and each deviation's subject) is; see {@link Population}. */
    public Builder examines(Population population) {
      this.population = Objects.requireNonNull(population);
      return this;
    }

    /**
     * Declares that the rule judges each member of the population on that member's own facts
     * (and the lookups they lead to: a grant's agent, the agent's owner, its last use), never by
     * comparing or counting members. A change that names members (a grant created or revoked,
     * an agent's status changed) then re-checks those members alone, within moments, whatever
     * the tenant's size; the scheduled sweeps still examine every member. Only for a control
     * over grants or agents, the members a change names; call it after {@link #examines}.
     */
    public Builder memberwise() {
      if (population != Population.GRANTS && population != Population.AGENTS) {
        throw new IllegalStateException(id + ": only a control over grants or agents is re-checked member by member");
      }
      this.memberwise = true;
      return this;
    }

    /**
     * The audit entry kinds (or {@link TriggerKinds} moments) that can change the result: each
     * re-runs the control for the tenant within moments. Without any, the scheduled sweeps
     * alone run it.
     */
    public Builder triggeredBy(String... kinds) {
      triggers.addAll(List.of(kinds));
      return this;
    }

    /** The parameters the procedure and the rule read. */
    public Builder parameters(Parameter<?>... parameters) {
      this.parameters.addAll(List.of(parameters));
      return this;
    }

    /** The sentence a report quotes: what the run inspected and checked, ending with a period. */
    public Builder procedure(String procedure) {
      return procedure(p -> procedure);
    }

    /** The sentence a report quotes, stating the parameters in force. */
    public Builder procedure(Function<ControlParameters, String> procedure) {
      this.procedure = procedure;
      return this;
    }

    /**
     * Makes a run that examined nothing, and found nothing failing, not applicable rather than
     * passing: {@code found} says what such a run found, as a report completes "every run in
     * the period found ..." ("no active grant"). Without it, an empty population passes. The
     * rule still decides what an empty population means: one that reports a deviation over it
     * (EN-2 without a keyset while credentials are stored) fails.
     */
    public Builder notApplicableWhen(String found) {
      this.notApplicableWhen = Objects.requireNonNull(found);
      return this;
    }

    /** The severity of the control's findings before the member's weight moves it ({@link FindingSeverity}). */
    public Builder severity(FindingSeverity severity) {
      this.severity = Objects.requireNonNull(severity);
      return this;
    }

    /**
     * What to do about a finding, in plain words, naming the API call that does it: every
     * finding of the control carries it, and docs/controls.md lists it.
     */
    public Builder remediation(String remediation) {
      this.remediation = Objects.requireNonNull(remediation);
      return this;
    }

    /** Ends the declaration with the control's rule. */
    public ControlDeclaration evaluates(Rule rule) {
      if (criteria.isEmpty() || reads.isEmpty() || procedure == null || severity == null || remediation == null) {
        throw new IllegalStateException(id + " needs criteria, the facts it reads, a procedure, a severity and a"
            + " remediation");
      }
      return new ControlDeclaration(this, Objects.requireNonNull(rule));
    }
  }
}
