package dev.hookline.twilio;

import dev.hookline.http.ApiException;
import dev.hookline.store.TwilioStore;
import io.javalin.http.Context;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a request to {@code /twilio/*} through only when Twilio signed it: finds, among the
 * businesses it may be for, the one whose auth token verifies {@code X-Twilio-Signature} over the
 * URL Twilio called. That URL is {@code HOOKLINE_PUBLIC_URL} + path + query; without it, the URL
 * the request came in on (right when Twilio reaches the hub directly, wrong behind a proxy that
 * changes scheme, host or port). Thread-safe.
 */
final class TwilioGate {
    private static final Logger log = LoggerFactory.getLogger(TwilioGate.class);
    static final String HEADER = "X-Twilio-Signature";

    private final String publicBase;

    TwilioGate(Optional<URI> publicUrl) {
        this.publicBase = publicUrl.map(u -> stripSlash(u.toString())).orElse(null);
    }

    /** The base that URLs given to Twilio start with: {@code HOOKLINE_PUBLIC_URL}, or the request's scheme, host and port. */
    String base(Context ctx) {
        if (publicBase != null) return publicBase;
        String url = ctx.req().getRequestURL().toString();
        return url.substring(0, url.length() - ctx.req().getRequestURI().length());
    }

    /** The URL Twilio signed: the base, the path and the query as they arrived (still percent-encoded). */
    String signedUrl(Context ctx) {
        String query = ctx.req().getQueryString();
        return base(ctx) + ctx.req().getRequestURI() + (query == null ? "" : "?" + query);
    }

    /**
     * The business the request is for: the first of {@code candidates} whose token verifies the
     * signature. 403 when none does (a missing header, no token set, a wrong token, a changed
     * parameter or URL); nothing has run or been stored then.
     */
    String verify(Context ctx, TwilioForm form, List<TwilioStore.Candidate> candidates) {
        String header = ctx.header(HEADER);
        if (header == null || header.isBlank()) {
            throw new ApiException(403, "forbidden", "the " + HEADER + " header is missing: requests to /twilio/* must be signed by Twilio", null);
        }
        String url = signedUrl(ctx);
        boolean anyToken = false;
        for (TwilioStore.Candidate c : candidates) {
            if (c.authToken() == null) continue;
            anyToken = true;
            if (TwilioSignature.matches(c.authToken(), url, form.params(), header)) return c.businessId();
        }
        if (!anyToken) {
            throw new ApiException(403, "forbidden", "no Twilio auth token is set for this number's business: PUT /api/v1/settings/twilio", null);
        }
        log.info("Twilio request refused: its {} does not match the signature over {} with the auth token of any business it may be for",
                HEADER, url);
        throw new ApiException(403, "forbidden", "the " + HEADER + " does not match the request, signed over " + url
                + " (is HOOKLINE_PUBLIC_URL the URL Twilio calls, and the auth token the account's current one?)", null);
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
