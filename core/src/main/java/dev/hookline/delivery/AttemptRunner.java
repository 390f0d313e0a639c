package dev.hookline.delivery;

import dev.hookline.connectors.ConnectorCatalog;
import dev.hookline.connectors.WebhookConnector;
import dev.hookline.model.Call;
import dev.hookline.model.Delivery;
import dev.hookline.plugins.CallEvent;
import dev.hookline.plugins.Connector;
import dev.hookline.plugins.Destination;
import dev.hookline.plugins.OutgoingRequest;
import dev.hookline.plugins.Verdict;
import dev.hookline.store.Codec;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs one attempt: the payload of that attempt, shaped by the delivery's connector (with a time
 * limit, see {@link BoundedConnector}), then signed as its message and sent with the flow's extra
 * headers by the {@link Sender} — or handed to a connector that delivers directly
 * ({@link DirectSender}). The future never fails: a connector that is missing or fails makes a
 * failed outcome that was never sent. Thread-safe.
 */
final class AttemptRunner implements AutoCloseable {
    private final Sender sender;
    private final DirectSender direct;
    private final ConnectorCatalog catalog;
    private final Codec codec;
    private final ConcurrentHashMap<String, BoundedConnector> connectors = new ConcurrentHashMap<>();

    AttemptRunner(Sender sender, DirectSender direct, ConnectorCatalog catalog, Codec codec) {
        this.sender = sender;
        this.direct = direct;
        this.catalog = catalog;
        this.codec = codec;
    }

    /** Sends attempt {@code attempt} at {@code sentAt}; {@code sample} makes the connector shape a Test sample. */
    CompletableFuture<AttemptOutcome> run(Delivery d, int attempt, Call call, boolean sample, long sentAt) {
        Optional<BoundedConnector> found = connector(d.connector());
        if (found.isEmpty()) {
            String why = "connector '" + d.connector() + "' is not installed";
            return CompletableFuture.completedFuture(AttemptOutcome.notSent(Verdict.permanent(why), why));
        }
        BoundedConnector c = found.get();
        CallEvent event = PayloadBuilder.build(call, d, attempt, sentAt);
        Destination to = new Destination(d.url(), codec.settings(d.endpoint().settings()));
        if (c.direct()) {
            CompletableFuture<CallEvent> shaped = sample ? c.sample(event).exceptionally(e -> event) : CompletableFuture.completedFuture(event);
            return shaped.thenCompose(e -> c.deliver(direct, e, to)).exceptionally(failure -> {
                String why = c.why("deliver", failure);
                return AttemptOutcome.notSent(Verdict.retry(why), why);
            });
        }
        CompletableFuture<OutgoingRequest> built = sample
                ? c.sample(event).exceptionally(e -> event).thenCompose(e -> c.build(e, to))
                : c.build(event, to);
        // the built-in connector builds inline: its request is sent without a stage to wait on
        OutgoingRequest ready = built.isDone() && !built.isCompletedExceptionally() ? built.join() : null;
        if (ready != null) return sender.send(c, ready, d, codec.settings(d.endpoint().headers()), sentAt);
        return built.handle((request, failure) -> {
            if (failure != null || request == null) {
                String why = c.why("build the request", failure != null ? failure : new NullPointerException("no request"));
                return CompletableFuture.completedFuture(AttemptOutcome.notSent(Verdict.retry(why), why));
            }
            return sender.send(c, request, d, codec.settings(d.endpoint().headers()), sentAt);
        }).thenCompose(f -> f);
    }

    /** The event a Test attempt sends at {@code now} (the connector's sample of the payload). */
    CompletableFuture<CallEvent> sampleEvent(Delivery d, Call call, long now) {
        CallEvent base = PayloadBuilder.build(call, d, 1, now);
        return connector(d.connector()).map(c -> c.sample(base).exceptionally(e -> base)).orElse(CompletableFuture.completedFuture(base));
    }

    private Optional<BoundedConnector> connector(String id) {
        BoundedConnector known = connectors.get(id);
        if (known != null) return Optional.of(known);
        Optional<Connector> c = catalog.find(id);
        return c.map(found -> connectors.computeIfAbsent(id, k -> new BoundedConnector(found, found instanceof WebhookConnector)));
    }

    @Override
    public void close() {
        connectors.values().forEach(BoundedConnector::close);
    }
}
