package org.corridor.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.corridor.platform.request.RequestIds;

import java.util.List;

/**
 * An RFC 9457 problem body. It never carries request data back: {@code detail} and {@code errors} name fields and
 * rules, not the values that broke them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String requestId, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://corridor.example/problems/";

    public static Problem of(int status, String slug, String title, String detail, List<FieldError> errors) {
        return new Problem(TYPE_BASE + slug, title, status, detail, RequestIds.current(), errors);
    }

    /** One invalid field: where it is in the body or query, and which rule it breaks. */
    public record FieldError(String field, String message) {
    }
}
