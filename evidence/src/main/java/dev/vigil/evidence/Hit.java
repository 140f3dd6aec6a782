package dev.vigil.evidence;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;

/**
 * One document as a search or a lookup returns it.
 *
 * @param snippet the best passage of its text with the query's terms marked, HTML-escaped; its
 *     title when the query matched no text
 * @param refs ids of what it is about, by kind ({@code agentId}, {@code runId}, ...), for links
 * @param fields the whole document (lookups only; null in search results)
 */
public record Hit(DocType type, String id, String title, Instant time, String snippet, long seq, String hash,
    Map<String, String> refs, ObjectNode fields) {}
