package dev.hookline.connectors;

import dev.hookline.plugins.Connector;
import java.util.List;
import java.util.Optional;

/**
 * The connectors the hub can deliver with: the built-in {@code webhook} plus those plugins bring
 * (see {@link PluginCatalog}). Thread-safe.
 */
public interface ConnectorCatalog extends AutoCloseable {

    Optional<Connector> find(String id);

    /** Every connector, built-in first, then by id. */
    List<ConnectorInfo> list();

    default boolean has(String id) {
        return find(id).isPresent();
    }

    /** Releases what loading took (plugin class loaders); the catalog is unusable after. */
    @Override
    default void close() {}

    /** Only the built-in generic connector. */
    static ConnectorCatalog builtIn() {
        WebhookConnector webhook = new WebhookConnector();
        return new ConnectorCatalog() {
            @Override
            public Optional<Connector> find(String id) {
                return WebhookConnector.ID.equals(id) ? Optional.of(webhook) : Optional.empty();
            }

            @Override
            public List<ConnectorInfo> list() {
                return List.of(new ConnectorInfo(webhook.id(), webhook.name(), null, null));
            }
        };
    }
}
