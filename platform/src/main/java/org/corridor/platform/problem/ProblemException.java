package org.corridor.platform.problem;

import java.util.List;

/** A failure the caller can act on, answered as a problem response with its status. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final List<Problem.FieldError> errors;
    private final Integer retryAfterSeconds;

    private ProblemException(int status, String slug, String title, String detail, List<Problem.FieldError> errors,
                             Integer retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = errors;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public ProblemException(int status, String slug, String title, String detail, List<Problem.FieldError> errors) {
        this(status, slug, title, detail, errors, null);
    }

    public ProblemException(int status, String slug, String title, String detail) {
        this(status, slug, title, detail, null);
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "bad-request", "Bad request", detail);
    }

    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(400, "validation", "Invalid request", "A field is invalid.",
                List.of(new Problem.FieldError(field, message)));
    }

    /** Also what a caller gets for a resource of another organisation, so existence is never revealed. */
    public static ProblemException notFound(String what) {
        return new ProblemException(404, "not-found", "Not found", what + " was not found.");
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", "Forbidden", detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "conflict", "Conflict", detail);
    }

    /** Another request under the same Idempotency-Key is still being processed; a retry gets its outcome. */
    public static ProblemException stillInProgress() {
        return new ProblemException(409, "conflict", "Conflict", "A request with this Idempotency-Key is still being "
                + "processed; retry after the time in Retry-After to get its result.", null, 1);
    }

    public static ProblemException preconditionRequired() {
        return new ProblemException(428, "precondition-required", "Precondition required",
                "This update needs an If-Match header with the resource's current ETag.");
    }

    public static ProblemException preconditionFailed() {
        return new ProblemException(412, "precondition-failed", "Precondition failed",
                "The resource changed since it was read: read it again and retry with its new ETag.");
    }

    public static ProblemException unprocessable(String detail) {
        return new ProblemException(422, "unprocessable", "Unprocessable request", detail);
    }

    /** Another part of Corridor this answer needs cannot be reached now; retrying after {@code retryAfterSeconds} may help. */
    public static ProblemException serviceUnavailable(String detail, int retryAfterSeconds) {
        return new ProblemException(503, "service-unavailable", "Service Unavailable", detail, null, retryAfterSeconds);
    }

    public Problem toProblem() {
        return Problem.of(status, slug, title, getMessage(), errors);
    }

    public int status() {
        return status;
    }

    /** Seconds for a Retry-After header, or null when retrying cannot help. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
