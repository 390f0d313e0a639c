package dev.hookline.delivery;

import dev.hookline.plugins.CallEvent;
import dev.hookline.plugins.Connector;
import dev.hookline.plugins.Destination;
import dev.hookline.plugins.HttpResult;
import dev.hookline.plugins.OutgoingRequest;
import dev.hookline.plugins.Redirect;
import dev.hookline.plugins.Verdict;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A connector's calls with a time limit: a plugin's code runs on a few threads of its own, never
 * on the dispatcher's or the HTTP client's, and a call that throws anything or does not return in
 * time fails only the attempt it was for. The built-in connector is trusted and runs inline.
 * Thread-safe.
 */
final class BoundedConnector implements AutoCloseable {
    static final Duration LIMIT = Duration.ofSeconds(2);
    private static final int THREADS = 4;
    private static final int QUEUED = 1_000;

    private final Connector connector;
    private final ExecutorService executor;

    BoundedConnector(Connector connector, boolean trusted) {
        this.connector = connector;
        this.executor = trusted ? null : executor(connector.id());
    }

    String id() {
        return connector.id();
    }

    CompletableFuture<OutgoingRequest> build(CallEvent event, Destination to) {
        return call(() -> connector.build(event, to));
    }

    CompletableFuture<CallEvent> sample(CallEvent base) {
        return call(() -> connector.sample(base));
    }

    /** The connector's verdict on an answer; by status alone when it fails to give one. */
    CompletableFuture<Verdict> classify(HttpResult result) {
        return call(() -> connector.classify(result)).handle((v, e) -> v != null ? v : Verdict.byStatus(result.statusCode()));
    }

    /** Whether to follow a redirect; refused when the connector fails to say. */
    CompletableFuture<Redirect> onRedirect(int status, String location) {
        return call(() -> connector.onRedirect(status, location)).handle((r, e) -> r != null ? r : Redirect.refuse());
    }

    /** True when the connector performs its attempts itself ({@link dev.hookline.plugins.DirectDelivery}). */
    boolean direct() {
        return DirectSender.handles(connector);
    }

    /** Hands the attempt to a direct-delivery connector (starting it is bounded like any other call). */
    CompletableFuture<AttemptOutcome> deliver(DirectSender sender, CallEvent event, Destination to) {
        return call(() -> sender.send(connector, event, to)).thenCompose(f -> f);
    }

    /** A readable reason for a failed call, naming the connector. */
    String why(String what, Throwable failure) {
        Throwable t = failure;
        while (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) t = t.getCause();
        if (t instanceof TimeoutException) {
            return "connector '" + connector.id() + "' did not " + what + " within " + LIMIT.toSeconds() + " s";
        }
        return "connector '" + connector.id() + "' failed to " + what + ": " + t;
    }

    private <T> CompletableFuture<T> call(Supplier<T> work) {
        if (executor == null) {
            try {
                return CompletableFuture.completedFuture(work.get());
            } catch (Throwable t) {
                return CompletableFuture.failedFuture(t);
            }
        }
        CompletableFuture<T> out = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    out.complete(work.get());
                } catch (Throwable t) {
                    out.completeExceptionally(t);
                }
            });
        } catch (RuntimeException rejected) {
            out.completeExceptionally(new IllegalStateException("too many calls waiting for it", rejected));
        }
        return out.orTimeout(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static ExecutorService executor(String id) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(QUEUED), r -> {
            Thread t = new Thread(r, "hookline-connector-" + id + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    @Override
    public void close() {
        if (executor != null) executor.shutdownNow();
    }
}
