package dev.hookline.flows;

import dev.hookline.connectors.DestinationCheck;
import dev.hookline.http.ApiException;
import dev.hookline.http.JsonInput;
import dev.hookline.model.CallFlow;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Saving a flow from a body as {@code POST}/{@code PUT /api/v1/call-flows} take it, for the API
 * and the dashboard alike: validated, secret settings sent back masked kept as stored, the
 * destination checked by its connector, and what the answer says about the connector. Thread-safe.
 */
public final class FlowSaves {
    /** A saved flow, the warnings its answer carries, and the header names that answer may show in full. */
    public record Saved(CallFlow flow, List<String> warnings, Set<String> shownHeaders) {}

    private final FlowService flows;
    private final FlowValidator validator;
    private final DestinationCheck destinations;
    private final SecretSettings secrets;

    public FlowSaves(FlowService flows, FlowValidator validator, DestinationCheck destinations, SecretSettings secrets) {
        this.flows = flows;
        this.validator = validator;
        this.destinations = destinations;
        this.secrets = secrets;
    }

    public Saved create(String businessId, JsonInput body) {
        FlowInput in = validator.validate(body);
        List<String> warnings = warnings(body, in);
        CallFlow flow = flows.create(businessId, in);
        return new Saved(flow, warnings, flow.postCallWebhook().options().headers().keySet());
    }

    /** Replaces flow {@code id}: a 404 before any 400, as the flow must exist before its body is judged. */
    public Saved replace(String businessId, String id, JsonInput body) {
        CallFlow stored = flows.get(businessId, id);
        FlowInput in = validator.validate(body);
        // a secret setting sent back masked keeps the stored value
        in = new FlowInput(in.name(), in.trackingNumbers(), secrets.keepStored(stored.postCallWebhook(), in.postCallWebhook()), in.steps());
        List<String> warnings = warnings(body, in);
        CallFlow saved = flows.replace(businessId, id, in);
        return new Saved(saved, warnings, HeaderSecrets.given(in.postCallWebhook()));
    }

    /**
     * What a stored flow's page says about its destination: the connector's warnings (or its
     * error, should it refuse the URL now), and a note when the generic connector is used for a
     * URL made for another.
     */
    public List<String> warnings(CallFlow flow) {
        List<String> out = new ArrayList<>();
        try {
            out.addAll(destinations.check(flow.postCallWebhook()));
        } catch (ApiException e) {
            out.add(e.getMessage());
        }
        out.addAll(validator.connectorNotes(null, flow.postCallWebhook()));
        return out;
    }

    /** The connector a webhook that names none gets for {@code url}, as a save would choose it. */
    public String connectorFor(String url) {
        return validator.connectorFor(url);
    }

    /** Whether setting {@code name} of {@code connector} is a secret (true when the connector cannot say). */
    public boolean isSecret(String connector, String name) {
        return secrets.isSecret(connector, name);
    }

    /** The connector's warnings about the destination, then what the hub says about the connector itself. */
    private List<String> warnings(JsonInput body, FlowInput in) {
        List<String> out = new ArrayList<>(destinations.check(in.postCallWebhook()));
        out.addAll(validator.connectorNotes(body, in.postCallWebhook()));
        return out;
    }
}
