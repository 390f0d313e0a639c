package dev.hookline.delivery;

import dev.hookline.config.Durations;
import dev.hookline.net.TargetPolicy;
import dev.hookline.plugins.AttemptResult;
import dev.hookline.plugins.CallEvent;
import dev.hookline.plugins.Connector;
import dev.hookline.plugins.Destination;
import dev.hookline.plugins.DirectAttempt;
import dev.hookline.plugins.DirectDelivery;
import dev.hookline.plugins.HubSettings;
import dev.hookline.plugins.Verdict;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;

/**
 * Runs the attempts of connectors that deliver directly ({@link DirectDelivery}): lends each one a
 * {@link ConnectorHttpPort} bound to the attempt's time-out, ends an attempt the connector has not
 * finished by then, and turns its {@link AttemptResult} into the outcome the dispatcher records.
 * Never throws; thread-safe.
 */
public final class DirectSender {
    private final HttpClient client;
    private final TargetPolicy targets;
    private final Duration timeout;
    private final HubSettings hub;
    private final Clock clock;

    public DirectSender(HttpClient client, TargetPolicy targets, Duration timeout, HubSettings hub, Clock clock) {
        this.client = client;
        this.targets = targets;
        this.timeout = timeout;
        this.hub = hub;
        this.clock = clock;
    }

    /** True for a connector whose attempts this sender runs instead of {@link Sender}. */
    public static boolean handles(Connector connector) {
        return connector instanceof DirectDelivery;
    }

    /** Hands the attempt to {@code connector}; completes with the outcome, never exceptionally. */
    public CompletableFuture<AttemptOutcome> send(Connector connector, CallEvent event, Destination to) {
        long start = System.nanoTime();
        ConnectorHttpPort port = new ConnectorHttpPort(client, targets, timeout, start + timeout.toNanos());
        CompletableFuture<AttemptResult> result;
        try {
            result = ((DirectDelivery) connector).deliver(new DirectAttempt(event, to, port, hub, clock));
            if (result == null) result = CompletableFuture.failedFuture(new IllegalStateException("it returned no result"));
        } catch (RuntimeException | LinkageError e) {
            result = CompletableFuture.failedFuture(e);
        }
        AttemptResult timedOut = AttemptResult.of(Verdict.retry("timed out after " + Durations.format(timeout)));
        result.completeOnTimeout(timedOut, timeout.toNanos(), TimeUnit.NANOSECONDS);
        return result.handle((r, err) -> outcome(connector, r, err, start, r == timedOut));
    }

    private static AttemptOutcome outcome(Connector connector, AttemptResult r, Throwable err, long start, boolean timedOut) {
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (err != null || r == null) {
            Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
            String why = cause instanceof java.io.IOException io && io.getMessage() != null ? io.getMessage()
                    : "connector '" + safeId(connector) + "' failed: " + (cause == null ? "it returned no result" : cause.toString());
            return new AttemptOutcome(Verdict.retry(why), null, ms, why, null, true, false);
        }
        Verdict v = r.verdict();
        String error = v.kind() == Verdict.Kind.SUCCESS ? null : v.reason() == null ? "failed without a reason" : v.reason();
        return new AttemptOutcome(v, r.statusCode(), ms, error, prefix(r.responseBody()), true, !timedOut && r.statusCode() != null);
    }

    private static String safeId(Connector connector) {
        try {
            return connector.id();
        } catch (RuntimeException e) {
            return connector.getClass().getName();
        }
    }

    /** The body's first {@link Sender#BODY_LIMIT} bytes of UTF-8, as the log keeps any answer. */
    static String prefix(String body) {
        if (body == null) return null;
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        if (b.length <= Sender.BODY_LIMIT) return body;
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.IGNORE);
        CharBuffer out = CharBuffer.allocate(Sender.BODY_LIMIT);
        d.decode(ByteBuffer.wrap(b, 0, Sender.BODY_LIMIT), out, true);
        return out.flip().toString();
    }
}
