package dev.hookline.http;

/**
 * The one exception family the API answers with. {@link ErrorHandling} turns it into
 * {@code {"error": {"code", "message", "field"}}} with its status; nothing else reaches a client.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final String field;
    private final long retryAfterSeconds;

    public ApiException(int status, String code, String message, String field) {
        this(status, code, message, field, 0);
    }

    private ApiException(int status, String code, String message, String field, long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 429: the caller has too much in flight; the answer carries {@code Retry-After}. */
    public static ApiException tooMany(String message, long retryAfterSeconds) {
        return new ApiException(429, "too_many_requests", message, null, retryAfterSeconds);
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(400, "invalid_field", message, field);
    }

    public static ApiException missing(String field) {
        return new ApiException(400, "missing_field", field + " is required", field);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "not_found", what, null);
    }

    public static ApiException conflict(String field, String message) {
        return new ApiException(409, "conflict", message, field);
    }

    public static ApiException unprocessable(String field, String message) {
        return new ApiException(422, "unprocessable", message, field);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }

    /** Seconds for the {@code Retry-After} header; 0 for none. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
