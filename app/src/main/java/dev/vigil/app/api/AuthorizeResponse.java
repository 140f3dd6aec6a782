package dev.vigil.app.api;

/** The decision: {@code allow} or {@code deny}, why, the allowing grant, and the decision's id. */
public record AuthorizeResponse(String decision, String reason, String grantId, String decisionId) {}
