package dev.hookline.delivery;

import dev.hookline.plugins.CallEvent;
import dev.hookline.plugins.Connector;
import dev.hookline.plugins.Destination;
import dev.hookline.plugins.HttpResult;
import dev.hookline.plugins.OutgoingRequest;
import dev.hookline.plugins.Verdict;
import java.util.function.Consumer;

/** A connector for tests that hand the sender a request of their own: builds nothing, shows each answer to {@code seen}. */
final class OwnRequestConnector implements Connector {
    private final Consumer<HttpResult> seen;

    OwnRequestConnector(Consumer<HttpResult> seen) {
        this.seen = seen;
    }

    @Override
    public String id() {
        return "own-request";
    }

    @Override
    public String name() {
        return "Own request";
    }

    @Override
    public OutgoingRequest build(CallEvent event, Destination destination) {
        throw new UnsupportedOperationException("the test sends its own request");
    }

    @Override
    public Verdict classify(HttpResult result) {
        seen.accept(result);
        return Connector.super.classify(result);
    }
}
