package dev.hookline.store;

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

    /** Where the data lives, for the start-up log (no credentials). */
    String description();

    /** The schema version in force: the highest migration applied. */
    int schemaVersion();

    /** False while the store cannot take writes (its writer is down); {@code /health} then answers 503. */
    boolean healthy();

    /** True when several hubs share this store: claims expire and orphans are looked for while running. */
    boolean shared();

    @Override
    void close();
}
