package dev.vigil.collectors.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.controls.audit.Actor;

/** An entry about to be appended: the chain assigns its seq, time and hash. */
public record PendingEntry(Actor actor, String kind, String subject, ObjectNode data) {}
