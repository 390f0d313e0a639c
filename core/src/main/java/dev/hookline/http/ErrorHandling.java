package dev.hookline.http;

import dev.hookline.store.StoreUnavailableException;
import dev.hookline.plugins.Json;
import io.javalin.config.JavalinConfig;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
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
        config.routes.exception(Exception.class, (e, ctx) -> answer(ctx, failure(e, ctx.method().name(), ctx.path())));
        config.routes.exception(HttpResponseException.class, (e, ctx) -> { // Javalin's own, the more specific type
            int status = e.getStatus();
            write(ctx, status, codeFor(status), messageFor(status, e.getMessage(), ctx), null);
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

    /** An error answer: its status, its JSON body, and the seconds for {@code Retry-After} (0: no header). */
    public record Failure(int status, byte[] body, long retryAfterSeconds) {}

    /** What {@code e}, thrown while answering {@code method path}, answers; the unexpected is logged and told as a 500. */
    public static Failure failure(Exception e, String method, String path) {
        if (e instanceof ApiException a) return new Failure(a.status(), body(a.code(), a.getMessage(), a.field()), a.retryAfterSeconds());
        if (e instanceof StoreUnavailableException s) {
            return new Failure(503, body("store_unavailable", "the store cannot take this now (" + s.getMessage() + "); nothing was stored, try again", null),
                    s.retryAfterSeconds());
        }
        log.error("unexpected error on {} {}", method, path, e);
        return new Failure(500, body("internal_error", "an internal error occurred; it has been logged", null), 0);
    }

    /** {@code {"error": {"code", "message", "field"}}}, {@code field} left out when null. */
    public static byte[] body(String code, String message, String field) {
        Map<String, Object> err = new LinkedHashMap<>(4);
        err.put("code", code);
        err.put("message", message);
        if (field != null) err.put("field", field);
        return Json.writeUtf8(Map.of("error", err));
    }

    public static void write(Context ctx, int status, String code, String message, String field) {
        ctx.status(status).contentType(ContentType.APPLICATION_JSON).result(body(code, message, field));
    }

    private static void answer(Context ctx, Failure f) {
        try {
            Bodies.drain(ctx.req().getInputStream());
        } catch (IOException alreadyBroken) {
            // no body to read: answer as it is
        }
        if (f.retryAfterSeconds() > 0) ctx.header("Retry-After", Long.toString(f.retryAfterSeconds()));
        ctx.status(f.status()).contentType(ContentType.APPLICATION_JSON).result(f.body());
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
