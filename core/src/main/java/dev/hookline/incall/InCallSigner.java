package dev.hookline.incall;

import dev.hookline.delivery.Signer;
import dev.hookline.store.Uuid7;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Signs in-call webhook requests the Standard Webhooks way, with the flow's secret(s) as post-call
 * deliveries are: {@code webhook-id} (a fresh id per request), {@code webhook-timestamp} (Unix
 * seconds) and {@code webhook-signature} over {@code id.timestamp.body} (an empty body for GET).
 * A flow that has no secret any more (deleted mid-call) sends unsigned. Thread-safe.
 */
final class InCallSigner {

    /** The secrets a flow signs with now, current first. */
    @FunctionalInterface
    interface Secrets {
        List<String> of(String businessId, String flowId);
    }

    /** Signs nothing: for engines built without a store, in tests. */
    static final InCallSigner NONE = new InCallSigner((b, f) -> List.of(), Clock.systemUTC());

    private static final byte[] EMPTY = new byte[0];

    private final Secrets secrets;
    private final Clock clock;

    InCallSigner(Secrets secrets, Clock clock) {
        this.secrets = secrets;
        this.clock = clock;
    }

    InCallRequest sign(InCallRequest r, String businessId, String flowId) {
        List<String> keys = secrets.of(businessId, flowId);
        if (keys.isEmpty()) return r;
        long now = clock.millis();
        String id = Uuid7.next(now);
        long ts = now / 1000;
        String signature = Signer.header(keys, id, ts, r.body() == null ? EMPTY : r.body());
        return new InCallRequest(r.method(), r.url(), r.contentType(), r.body(),
                Map.of("webhook-id", id, "webhook-timestamp", Long.toString(ts), "webhook-signature", signature));
    }
}
