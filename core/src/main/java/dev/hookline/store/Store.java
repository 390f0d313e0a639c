package dev.hookline.store;

import java.util.function.LongConsumer;

/**
 * What the hub needs from storage, whatever holds it: calls, flows, deliveries, in-call traces and
 * keys. Implementations keep every SQL text to themselves ({@code store.sqlite}); a write that
 * cannot be taken throws {@link StoreUnavailableException}. Thread-safe.
 */
public interface Store extends AutoCloseable {

    CallStore calls();

    FlowStore flows();

    DeliveryStore deliveries();

    TraceStore traces();

    KeyStore keys();

    /** Removing what is older than the retention window, and giving the space back. */
    RetentionStore retention();

    InsightStore insights();

    TwilioStore twilio();

    /** Where the data lives, for the start-up log (no credentials). */
    String description();

    /** The schema version in force: the highest migration applied. */
    int schemaVersion();

    /** False while the store cannot take writes (its writer is down); {@code /health} then answers 503. */
    boolean healthy();

    /** True when several hubs share this store: claims expire and orphans are looked for while running. */
    boolean shared();

    /**
     * Hears of deliveries another hub sharing this store made due (their due time, epoch ms), and
     * {@link Long#MIN_VALUE} when such word may have been lost (look now). A store of one hub never calls it.
     */
    default void onDueElsewhere(LongConsumer listener) {}

    /** Hears that another hub sharing this store changed call flows (or that such word may have been lost). */
    default void onFlowsChangedElsewhere(Runnable listener) {}

    @Override
    void close();
}
