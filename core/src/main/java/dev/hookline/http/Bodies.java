package dev.hookline.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

/** Reads request bodies after checking their content type (415 otherwise). */
public final class Bodies {
    private final ObjectMapper mapper;

    public Bodies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public JsonInput json(Context ctx) {
        requireJson(ctx);
        return JsonInput.parse(mapper, ctx.bodyAsBytes());
    }

    public static boolean isJson(String contentType) {
        if (contentType == null) return false;
        String ct = contentType.toLowerCase();
        int semi = ct.indexOf(';');
        String base = (semi < 0 ? ct : ct.substring(0, semi)).trim();
        return base.equals("application/json") || base.endsWith("+json");
    }

    static void requireJson(Context ctx) {
        if (!isJson(ctx.contentType())) {
            throw new ApiException(415, "unsupported_media_type",
                    "Content-Type must be application/json (got " + (ctx.contentType() == null ? "none" : ctx.contentType()) + ")", null);
        }
    }

    public ObjectMapper mapper() {
        return mapper;
    }
}
