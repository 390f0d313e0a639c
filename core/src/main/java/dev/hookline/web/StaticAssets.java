package dev.hookline.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The dashboard's stylesheet, script and icon, read once from {@code web/static/} and served
 * under {@code /static/}. Pages link them with {@code ?v=VERSION} (a hash of their content), so
 * browsers may keep them for a year and still never use a stale one.
 */
public final class StaticAssets {
    private record Asset(byte[] bytes, String type) {}

    private static final Map<String, Asset> ASSETS = Map.of(
            "app.css", load("app.css", "text/css; charset=utf-8"),
            "app.js", load("app.js", "text/javascript; charset=utf-8"),
            "icon.svg", load("icon.svg", "image/svg+xml"));
    /** A short hash of every asset: changes whenever one does. */
    static final String VERSION = version();

    private StaticAssets() {}

    public static void register(RoutesConfig r) {
        r.get("/static/{name}", StaticAssets::serve);
    }

    private static void serve(Context ctx) {
        Asset a = ASSETS.get(ctx.pathParam("name"));
        if (a == null) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("not found");
            return;
        }
        ctx.header("Cache-Control", "public, max-age=31536000, immutable");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.contentType(a.type()).result(a.bytes());
    }

    private static Asset load(String name, String type) {
        try (InputStream in = StaticAssets.class.getResourceAsStream("/web/static/" + name)) {
            if (in == null) throw new IllegalStateException("missing resource web/static/" + name);
            return new Asset(in.readAllBytes(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String version() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String n : new String[] {"app.css", "app.js", "icon.svg"}) md.update(ASSETS.get(n).bytes());
            return HexFormat.of().formatHex(md.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
