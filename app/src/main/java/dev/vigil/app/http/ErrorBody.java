package dev.vigil.app.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The body of every error: {@code {"code": 422, "message": "...", "errors": [...]}}, where
 * {@code errors} lists field problems when there are several.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(int code, String message, List<String> errors) {}
