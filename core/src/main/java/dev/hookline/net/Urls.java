package dev.hookline.net;

import java.net.URI;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;

/**
 * Webhook URLs parsed once each: a flow's URL is the same on every call and every attempt, and
 * parsing it made a dozen objects each time. Bounded: emptied past {@link #KEPT}. Thread-safe.
 */
public final class Urls {
    static final int KEPT = 10_000;
    private static final ConcurrentHashMap<String, Target> PARSED = new ConcurrentHashMap<>();

    /**
     * A parsed URL and the {@code Host} header a request to it carries; {@code host} is null where
     * the URL names no server host (Jetty's client then writes its own).
     */
    public record Target(URI uri, HttpField host) {}

    private Urls() {}

    /** As {@link URI#create}: an {@link IllegalArgumentException} for text that is not a URI. */
    public static URI parse(String url) {
        return target(url).uri();
    }

    /** {@code url} parsed, with its {@code Host} header; an {@link IllegalArgumentException} for text that is not a URI. */
    public static Target target(String url) {
        Target known = PARSED.get(url);
        if (known != null) return known;
        URI uri = URI.create(url);
        Target t = new Target(uri, uri.getHost() == null ? null
                : new HttpField(HttpHeader.HOST, uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort()));
        if (PARSED.size() >= KEPT) PARSED.clear();
        PARSED.put(url, t);
        return t;
    }
}
