package dev.hookline.dist;

import dev.hookline.testing.Receiver;
import dev.hookline.testing.Receiver.Answer;
import dev.hookline.testing.Receiver.Received;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A Make custom webhook on loopback: 200 {@code Accepted}; when the hook is protected, a request
 * without the right {@code x-make-apikey} is refused with 401.
 */
final class MakeEmulator implements AutoCloseable {
    private final Receiver receiver = Receiver.start();
    private volatile String apiKey;

    MakeEmulator() {
        receiver.answer(this::respond);
    }

    String url() {
        return receiver.url("/k3y7oken4make");
    }

    MakeEmulator protectWith(String key) {
        apiKey = key;
        return this;
    }

    private Answer respond(Received r) {
        if (apiKey != null && !apiKey.equals(r.header("x-make-apikey"))) {
            return new Answer(401, "Unauthorized", Duration.ZERO, Map.of());
        }
        return new Answer(200, "Accepted", Duration.ZERO, Map.of("Content-Type", "text/plain"));
    }

    List<Received> requests() {
        return receiver.all();
    }

    @Override
    public void close() {
        receiver.close();
    }
}
