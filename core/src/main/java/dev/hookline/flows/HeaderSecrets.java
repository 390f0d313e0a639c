package dev.hookline.flows;

import dev.hookline.http.ApiException;
import dev.hookline.model.PostCallWebhook;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A webhook's extra headers are secrets, like its signing secret: answers other than the one that
 * set them show them masked ({@code "…wxyz"}), and a save that sends a masked value back keeps the
 * stored one. Stateless.
 */
final class HeaderSecrets {
    static final String ELLIPSIS = "…";
    /** Shorter values show nothing of themselves when masked. */
    private static final int SHOWN_FROM = 8;

    private HeaderSecrets() {}

    static String mask(String value) {
        return value.length() < SHOWN_FROM ? ELLIPSIS : ELLIPSIS + value.substring(value.length() - 4);
    }

    /** Values are printable ASCII, so one that starts with the ellipsis can only be a mask sent back. */
    static boolean isMasked(String value) {
        return value.startsWith(ELLIPSIS);
    }

    /** The names whose values {@code w} gives in full (the answer to this save may show those). */
    static Set<String> given(PostCallWebhook w) {
        Set<String> out = new LinkedHashSet<>();
        w.options().headers().forEach((name, value) -> {
            if (!isMasked(value)) out.add(name);
        });
        return out;
    }

    /**
     * {@code w} with each masked value replaced by the stored value of that header in
     * {@code stored} (names compared without case); a 400 naming the header when there is none
     * or the mask is not that value's.
     */
    static PostCallWebhook resolve(PostCallWebhook w, PostCallWebhook stored) {
        Map<String, String> given = w.options().headers();
        if (given.values().stream().noneMatch(HeaderSecrets::isMasked)) return w;
        Map<String, String> out = new LinkedHashMap<>();
        given.forEach((name, value) -> {
            if (!isMasked(value)) {
                out.put(name, value);
                return;
            }
            String kept = stored == null ? null : stored.options().headers().entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst().orElse(null);
            if (kept == null || !mask(kept).equals(value)) {
                String field = "post_call_webhook.headers." + name;
                throw ApiException.invalid(field, field + " is a masked value that matches no stored value of this header; send the whole value");
            }
            out.put(name, kept);
        });
        return w.withOptions(w.options().withHeaders(out));
    }

    /** The headers as an answer shows them: those in {@code shown} in full, the others masked. */
    static Map<String, String> view(Map<String, String> headers, Set<String> shown) {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((name, value) -> out.put(name, shown.contains(name) ? value : mask(value)));
        return out;
    }
}
