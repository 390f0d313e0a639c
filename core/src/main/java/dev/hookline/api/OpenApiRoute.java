package dev.hookline.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookline.config.Version;
import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/v1/openapi.json}: the OpenAPI 3.1 description of the HTTP API, kept as the
 * resource {@code openapi.json} (OpenApiTest holds it to the routes a started hub really has).
 * Served without a key, so tools can read it before they have one.
 */
public final class OpenApiRoute {
    public static final String PATH = "/api/v1/openapi.json";

    private final ObjectMapper mapper;
    private volatile byte[] document; // read on first request: parsing it is a tenth of start-up otherwise

    public OpenApiRoute(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    private byte[] document() {
        byte[] d = document;
        if (d != null) return d;
        try (InputStream in = OpenApiRoute.class.getResourceAsStream("/openapi.json")) {
            if (in == null) throw new IllegalStateException("openapi.json is missing from the build");
            ObjectNode doc = (ObjectNode) mapper.readTree(in);
            ((ObjectNode) doc.get("info")).put("version", Version.get());
            document = d = mapper.writeValueAsBytes(doc);
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void register(RoutesConfig r) {
        r.get(PATH, ctx -> ctx.contentType("application/json").result(document()));
    }
}
