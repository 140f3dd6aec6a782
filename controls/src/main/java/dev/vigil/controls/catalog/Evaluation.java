package dev.vigil.controls.catalog;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a control found: how many members it examined, which ones, the members that fail, and
 * the members an approved exception excuses. The control passes when nothing fails, unless it
 * examined nothing and declares that this makes it not applicable ({@link ControlInfo#notApplicable}).
 *
 * <p>{@code population} is always the whole count. {@code members} names the examined members
 * when they are objects with ids (grants, agents, credentials by connection, keys, connections,
 * vendors, incidents): one id per member examined, sorted in {@link RuleControl#SUBJECT_ORDER}
 * (the order of the deviations, and independent of the order the facts were loaded in, so that
 * the same facts give the same evidence), each the id a failing member's {@link Deviation}
 * names. A member's result is then fail when it is among {@code exceptions}, excused when it is
 * among {@code excused}, and pass otherwise. {@code members} is empty when the control counts
 * things that are not objects (LG-1 counts chain entries and checkpoints, LG-2 retained
 * entries, LG-3 coverage runs and scheduled runs, AC-6 reported actions): their deviations name
 * a range or a group ({@code entry 9}, {@code schedule vendors}), not a member.
 *
 * <p>When {@code members} is not empty it holds exactly {@code population} ids, and every
 * failing and excused subject is one of them; the constructor refuses anything else.
 *
 * <p>{@code scope} says in plain sentences what the run examined when the population alone
 * does not (LG-1 re-hashes only part of the chain each run and names which part, and when the
 * whole chain was last verified; a change's re-check of a memberwise control names the members
 * it examined and says that it examined no others); empty otherwise.
 */
public record Evaluation(long population, List<String> members, List<Deviation> exceptions, List<Excused> excused,
    List<String> scope) {

  public Evaluation {
    members = List.copyOf(members);
    exceptions = List.copyOf(exceptions);
    excused = List.copyOf(excused);
    scope = List.copyOf(scope);
    if (!members.isEmpty()) {
      if (members.size() != population) {
        throw new IllegalArgumentException(members.size() + " members named for a population of " + population);
      }
      Set<String> named = new HashSet<>(members);
      Stream.concat(exceptions.stream().map(Deviation::subjectId), excused.stream().map(Excused::subjectId))
          .filter(subject -> !named.contains(subject)).findFirst().ifPresent(subject -> {
            throw new IllegalArgumentException("subject " + subject + " is not among the members examined");
          });
    }
  }

  /** An evaluation without a scope statement: what every control but LG-1 finds over its whole population. */
  public Evaluation(long population, List<String> members, List<Deviation> exceptions, List<Excused> excused) {
    this(population, members, exceptions, excused, List.of());
  }

  /** This evaluation with {@code scope} saying what the run examined. */
  public Evaluation withScope(List<String> scope) {
    return new Evaluation(population, members, exceptions, excused, scope);
  }

  /** An evaluation of a counted population, before approved exceptions are applied: no members named. */
  public static Evaluation of(long population, List<Deviation> exceptions) {
    return new Evaluation(population, List.of(), exceptions, List.of());
  }

  /** An evaluation of the named {@code members}, before approved exceptions are applied. */
  public static Evaluation ofMembers(List<String> members, List<Deviation> exceptions) {
    return new Evaluation(members.size(), members, exceptions, List.of());
  }

  public boolean passed() {
    return exceptions.isEmpty();
  }

  /**
   * Nothing examined, nothing failing, nothing excused: what makes a control that declares it
   * ({@link ControlDeclaration.Builder#notApplicableWhen}) not applicable rather than passing.
   */
  public boolean emptyAndClean() {
    return population == 0 && exceptions.isEmpty() && excused.isEmpty();
  }
}
