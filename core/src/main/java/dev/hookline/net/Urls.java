package dev.hookline.net;

import java.net.URI;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Webhook URLs parsed once each: a flow's URL is the same on every call and every attempt, and
 * parsing it made a dozen objects each time. Bounded: emptied past {@link #KEPT}. Thread-safe.
 */
public final class Urls {
    static final int KEPT = 10_000;
    private static final ConcurrentHashMap<String, URI> PARSED = new ConcurrentHashMap<>();

    private Urls() {}

    /** As {@link URI#create}: an {@link IllegalArgumentException} for text that is not a URI. */
    public static URI parse(String url) {
        URI known = PARSED.get(url);
        if (known != null) return known;
        URI uri = URI.create(url);
        if (PARSED.size() >= KEPT) PARSED.clear();
        PARSED.put(url, uri);
        return uri;
    }
}
