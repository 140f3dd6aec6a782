package dev.vigil.app.web;

import dev.vigil.evidence.Fields;
import dev.vigil.evidence.Hit;
import jakarta.ws.rs.core.UriBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The dashboard pages an evidence document leads to: the page it is best read on (a finding's,
 * an agent's, the run a piece of evidence belongs to ...) and the pages of the control and agent
 * it is about. Only pages the dashboard has; a document without one is listed without a link.
 */
final class EvidencePages {

  /** A link to a page, and its words. */
  public record Link(String href, String label) {}

  private EvidencePages() {}

  /** The page {@code hit} is best read on; null when the dashboard has none for it. */
  static String of(Hit hit) {
    String control = hit.refs().get(Fields.CONTROL_ID);
    String run = hit.refs().get(Fields.RUN_ID);
    String agent = hit.refs().get(Fields.AGENT_ID);
    return switch (hit.type()) {
      case FINDING -> path("/findings/{id}", hit.id());
      case AGENT -> path("/agents/{id}", hit.id());
      case GRANT -> agent == null ? null : path("/agents/{id}", agent);
      case RUN -> control == null ? null : run(control, hit.id());
      case EVIDENCE -> control == null || run == null ? null : run(control, run);
      case ENTRY, CONNECTION, VENDOR, INCIDENT -> null;
    };
  }

  /** The pages of the control and the agent {@code hit} is about, other than the one {@link #of} leads to. */
  static List<Link> related(Hit hit) {
    String own = of(hit);
    List<Link> out = new ArrayList<>();
    String control = hit.refs().get(Fields.CONTROL_ID);
    if (control != null) add(out, own, path("/controls/{id}", control), "Control " + control);
    String agent = hit.refs().get(Fields.AGENT_ID);
    if (agent != null) add(out, own, path("/agents/{id}", agent), "Agent");
    return out;
  }

  private static void add(List<Link> out, String own, String href, String label) {
    if (!href.equals(own)) out.add(new Link(href, label));
  }

  private static String run(String control, String run) {
    return UriBuilder.fromPath("/controls/{id}").queryParam("run", "{run}").build(control, run).toString();
  }

  private static String path(String template, String id) {
    return UriBuilder.fromPath(template).build(id).toString();
  }
}
