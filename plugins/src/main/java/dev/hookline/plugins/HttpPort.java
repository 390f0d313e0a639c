package dev.hookline.plugins;

import java.util.concurrent.CompletableFuture;

/**
 * The hub's HTTP client as a {@link DirectDelivery} connector uses it for one attempt. Requests go
 * out exactly as given (plus {@code User-Agent: Hookline/<version>}; no signature headers), only to
 * URLs the hub's address policy allows (no internal addresses unless
 * {@code HOOKLINE_ALLOW_PRIVATE_TARGETS} is set), and each within what is left of the attempt's
 * time-out. Redirects are not followed: a 3xx is an answer like any other. Thread-safe.
 */
public interface HttpPort {

    /** Answers longer than this many bytes fail the request instead of being read. */
    int ANSWER_LIMIT = 16 * 1024 * 1024;

    /**
     * Sends {@code request}; completes with the answer (the whole body, as UTF-8 text, up to
     * {@link #ANSWER_LIMIT}), or exceptionally with an {@link java.io.IOException} whose message
     * reads well in a delivery log ({@code timed out after 10s}, {@code connection refused},
     * {@code … points to an internal address …}). Never throws.
     */
    CompletableFuture<HttpResult> send(OutgoingRequest request);
}
