package dev.hookline.connectors;

import dev.hookline.plugins.CallEvent;
import dev.hookline.plugins.Connector;
import dev.hookline.plugins.Destination;
import dev.hookline.plugins.OutgoingRequest;

/** The generic connector, built into the hub: POST the 38-field JSON payload as it is. */
public final class WebhookConnector implements Connector {
    public static final String ID = "webhook";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "Generic webhook (JSON POST)";
    }

    @Override
    public OutgoingRequest build(CallEvent event, Destination destination) {
        return OutgoingRequest.postJson(destination.url(), event);
    }
}
