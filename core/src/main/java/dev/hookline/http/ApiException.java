package dev.hookline.http;

/**
 * The one exception family the API answers with. {@link ErrorHandling} turns it into
 * {@code {"error": {"code", "message", "field"}}} with its status; nothing else reaches a client.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final String field;

    public ApiException(int status, String code, String message, String field) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
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
}
