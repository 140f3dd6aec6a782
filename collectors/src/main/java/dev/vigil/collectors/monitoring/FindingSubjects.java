package dev.vigil.collectors.monitoring;

import dev.vigil.controls.catalog.ControlInfo;
import dev.vigil.controls.catalog.Deviation;
import dev.vigil.controls.catalog.FindingSeverity;
import dev.vigil.controls.catalog.Population;
import dev.vigil.controls.model.Criticality;
import dev.vigil.controls.model.Severity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/**
 * What a run's failing members are to the people who act on them: each member's name, the
 * detail with the objects it names by their names, its owner and its severity. Reads the
 * objects the deviations name (grants, agents, connections, vendors, incidents, users) by id,
 * in the run's transaction, a few queries per run whatever the number of members.
 *
 * <p>Owners: a grant's or an agent's findings go to the agent's owner; a connection's (or its
 * credential's) and a vendor's to the vendor's owner; an incident's to its commander; a
 * finding whose members are not objects (a reported action) to the owner of the first agent
 * it names. A deactivated user owns nothing. Weight: a grant or connection weighs what its
 * vendor's criticality says, a vendor its own, an incident its severity.
 */
final class FindingSubjects {

  /** Ids the service mints: a type prefix, then 26 base32 characters ({@code Ids}). */
  private static final Pattern ID = Pattern.compile("\\b(gra|agt|con|ven|inc|usr)_[0-9a-z]{26}\\b");
  /** Ids per query: well under every database's limit on bound parameters. */
  private static final int CHUNK = 500;

  /** A member as a finding names it. */
  record Described(String kind, String name, String summary, String ownerId, FindingSeverity severity) {}

  private final Map<String, SubjectDao.Row> objects = new HashMap<>();

  private FindingSubjects() {}

  /** Describes each deviation's member; the map is keyed by subject id. */
  static Map<String, Described> describe(Handle h, String tenantId, ControlInfo info, Collection<Deviation> members) {
    FindingSubjects s = new FindingSubjects();
    s.load(h.attach(SubjectDao.class), tenantId, members);
    Map<String, Described> out = new HashMap<>();
    for (Deviation d : members) out.put(d.subjectId(), s.describe(info, d));
    return out;
  }

  private void load(SubjectDao dao, String tenantId, Collection<Deviation> members) {
    Set<String> named = new LinkedHashSet<>();
    for (Deviation d : members) {
      named.addAll(ids(d.subjectId()));
      named.addAll(ids(d.detail()));
    }
    // Each step adds the ids the objects just read link to: grants name agents and
    // connections, those name owners and vendors, vendors and incidents name users.
    read(dao::grants, tenantId, named, "gra", r -> Arrays.asList(r.linkA(), r.linkB()));
    read(dao::agents, tenantId, named, "agt", r -> Arrays.asList(r.ownerId()));
    read(dao::connections, tenantId, named, "con", r -> Arrays.asList(r.linkA()));
    read(dao::vendors, tenantId, named, "ven", r -> Arrays.asList(r.ownerId()));
    read(dao::incidents, tenantId, named, "inc", r -> Arrays.asList(r.ownerId()));
    read(dao::users, tenantId, named, "usr", r -> List.of());
  }

  private void read(BiFunction<String, Collection<String>, List<SubjectDao.Row>> query, String tenantId,
      Set<String> named, String prefix, Function<SubjectDao.Row, List<String>> links) {
    List<String> wanted = named.stream().filter(id -> id.startsWith(prefix + "_")).toList();
    for (int i = 0; i < wanted.size(); i += CHUNK) {
      for (SubjectDao.Row r : query.apply(tenantId, wanted.subList(i, Math.min(i + CHUNK, wanted.size())))) {
        objects.put(r.id(), r);
        for (String link : links.apply(r)) {
          if (link != null) named.add(link);
        }
      }
    }
  }

  private Described describe(ControlInfo info, Deviation d) {
    Population population = info.population().orElse(null);
    String id = d.subjectId();
    SubjectDao.Row member = objects.get(id);
    String kind = population == null ? null : population.member();
    String name;
    String owner;
    Criticality weight = null;
    if (population == null) {
      name = named(id, false);
      owner = ids(id).stream().filter(x -> x.startsWith("agt_")).findFirst().map(this::ownerOfAgent).orElse(null);
    } else {
      switch (population) {
        case GRANTS -> {
          SubjectDao.Row agent = member == null ? null : objects.get(member.linkA());
          SubjectDao.Row connection = member == null ? null : objects.get(member.linkB());
          name = agent == null || connection == null ? null : agent.name() + " on " + connection.name();
          owner = member == null ? null : ownerOfAgent(member.linkA());
          weight = connection == null ? null : vendorWeight(connection.linkA());
        }
        case AGENTS -> {
          name = member == null ? null : member.name();
          owner = ownerOfAgent(id);
        }
        case CONNECTIONS, CREDENTIALS -> {
          name = member == null ? null : member.name();
          SubjectDao.Row vendor = member == null ? null : objects.get(member.linkA());
          owner = vendor == null ? null : activeUser(vendor.ownerId());
          weight = member == null ? null : vendorWeight(member.linkA());
        }
        case VENDORS -> {
          name = member == null ? null : member.name();
          owner = member == null ? null : activeUser(member.ownerId());
          weight = member == null ? null : vendorWeight(id);
        }
        case INCIDENTS -> {
          name = member == null ? null : member.name();
          owner = member == null ? null : activeUser(member.ownerId());
          weight = member == null ? null : FindingSeverity.weightOf(Severity.valueOf(member.weight()));
        }
        default -> {
          name = id;
          owner = null;
        }
      }
    }
    return new Described(kind, name, named(d.detail(), true), owner, info.severity().forMember(weight));
  }

  /** {@code text} with each object it names by id named by its name instead, quoted when {@code quote}. */
  private String named(String text, boolean quote) {
    Matcher m = ID.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      SubjectDao.Row r = objects.get(m.group());
      String name = r == null || r.name() == null ? m.group() : quote ? "\"" + r.name() + "\"" : r.name();
      m.appendReplacement(out, Matcher.quoteReplacement(name));
    }
    m.appendTail(out);
    return out.toString();
  }

  private String ownerOfAgent(String agentId) {
    SubjectDao.Row agent = objects.get(agentId);
    return agent == null ? null : activeUser(agent.ownerId());
  }

  private String activeUser(String userId) {
    SubjectDao.Row user = userId == null ? null : objects.get(userId);
    return user != null && Boolean.TRUE.equals(user.active()) ? userId : null;
  }

  private Criticality vendorWeight(String vendorId) {
    SubjectDao.Row vendor = vendorId == null ? null : objects.get(vendorId);
    return vendor == null || vendor.weight() == null ? null : Criticality.valueOf(vendor.weight());
  }

  private static List<String> ids(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = ID.matcher(text);
    while (m.find()) out.add(m.group());
    return out;
  }
}
