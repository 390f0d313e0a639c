package dev.hookline.dist;

import dev.hookline.testing.Receiver;
import dev.hookline.testing.Receiver.Answer;
import dev.hookline.testing.Receiver.Received;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A Webhooks by Zapier Catch Hook on loopback: any request to {@code /hooks/catch/<user>/<key>/}
 * gets 200 {@code {"id","request_id","attempt","status":"success"}} (Zapier queues it, it does
 * not process it then); 429 when told to rate-limit; 404 elsewhere.
 */
final class ZapierEmulator implements AutoCloseable {
    private final Receiver receiver = Receiver.start();
    private final Queue<Answer> upcoming = new ConcurrentLinkedQueue<>();

    ZapierEmulator() {
        receiver.answer(this::respond);
    }

    String url() {
        return receiver.url("/hooks/catch/123456/abcdef/");
    }

    Receiver receiver() {
        return receiver;
    }

    /** The next request gets 429, with Retry-After when {@code retryAfter} is not null. */
    ZapierEmulator rateLimitNext(String retryAfter) {
        upcoming.add(new Answer(429, "{\"status\":\"throttled\"}", Duration.ZERO,
                retryAfter == null ? Map.of() : Map.of("Retry-After", retryAfter)));
        return this;
    }

    private Answer respond(Received r) {
        if (!r.path().startsWith("/hooks/catch/")) return new Answer(404, "{\"status\":\"error\"}", Duration.ZERO, Map.of());
        Answer scripted = upcoming.poll();
        if (scripted != null) return scripted;
        String body = "{\"id\":\"" + UUID.randomUUID() + "\",\"request_id\":\"" + UUID.randomUUID().toString().substring(0, 13)
                + "\",\"attempt\":\"" + UUID.randomUUID() + "\",\"status\":\"success\"}";
        return new Answer(200, body, Duration.ZERO, Map.of("Content-Type", "application/json"));
    }

    List<Received> requests() {
        return receiver.all();
    }

    @Override
    public void close() {
        receiver.close();
    }
}
