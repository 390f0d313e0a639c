package dev.hookline.http;

import dev.hookline.store.StoreUnavailableException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place errors become answers: {@link ApiException}, Javalin's own responses (404 route,
 * 405 method, 413 size) and anything unexpected (500, logged, no stack trace to the client) all
 * leave as {@code {"error": {"code", "message", "field"}}}.
 */
public final class ErrorHandling {
    private static final Logger log = LoggerFactory.getLogger(ErrorHandling.class);

    private ErrorHandling() {}

    public static void install(JavalinConfig config) {
        config.routes.exception(ApiException.class, (e, ctx) -> {
            if (e.retryAfterSeconds() > 0) ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
            write(ctx, e.status(), e.code(), e.getMessage(), e.field());
        });
        config.routes.exception(StoreUnavailableException.class, (e, ctx) -> {
            ctx.header("Retry-After", Integer.toString(e.retryAfterSeconds()));
            write(ctx, 503, "store_unavailable", "the store cannot take this now (" + e.getMessage() + "); nothing was stored, try again", null);
        });
        config.routes.exception(HttpResponseException.class, (e, ctx) -> {
            int status = e.getStatus();
            write(ctx, status, codeFor(status), messageFor(status, e.getMessage(), ctx), null);
        });
        config.routes.exception(Exception.class, (e, ctx) -> {
            log.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
            write(ctx, 500, "internal_error", "an internal error occurred; it has been logged", null);
        });
        for (int status : new int[] {404, 405, 413}) {
            config.routes.error(status, ctx -> {
                if (isHtml(ctx)) return; // a dashboard page that already rendered its own error
                String current = ctx.result();
                if (current == null || current.isEmpty() || !current.startsWith("{\"error\"")) {
                    write(ctx, status, codeFor(status), messageFor(status, null, ctx), null);
                }
            });
        }
    }

    private static boolean isHtml(Context ctx) {
        String type = ctx.res().getContentType();
        return type != null && type.startsWith("text/html");
    }

    public static void write(Context ctx, int status, String code, String message, String field) {
        Map<String, Object> err = new LinkedHashMap<>();
        err.put("code", code);
        err.put("message", message);
        if (field != null) err.put("field", field);
        ctx.status(status).json(Map.of("error", err));
    }

    private static String codeFor(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            default -> "http_" + status;
        };
    }

    private static String messageFor(int status, String given, Context ctx) {
        return switch (status) {
            case 404 -> "no route for " + ctx.method() + " " + ctx.path();
            case 405 -> "method " + ctx.method() + " is not allowed on " + ctx.path();
            case 413 -> "the request body is larger than the limit of 1 MiB";
            default -> given == null || given.isBlank() ? "HTTP " + status : given;
        };
    }
}
