package dev.hookline.flows;

import dev.hookline.http.ApiException;
import dev.hookline.http.JsonInput;
import dev.hookline.model.FiringMode;
import dev.hookline.model.PostCallWebhook;
import dev.hookline.model.Step;
import dev.hookline.net.TargetPolicy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Turns a flow body into a {@link FlowInput}, or a 400 naming the field at fault. Read-only keys a
 * client may echo back from a GET ({@code id}, {@code signing_secret}, …) are accepted and ignored;
 * any other unknown key is a typo and refused. Thread-safe.
 */
public final class FlowValidator {
    /** A phone number as forward steps (and routing answers) take it. */
    public static final Pattern PHONE = Pattern.compile("\\+?[0-9]{3,15}");
    private static final Set<String> FLOW_KEYS = Set.of("name", "tracking_numbers", "post_call_webhook", "steps",
            "id", "business_id", "created_at", "updated_at");
    private static final Set<String> WEBHOOK_KEYS = Set.of("enabled", "url", "firing_mode", "connector", "settings", "signing_secret",
            "warnings", "headers", "events", "filter");
    private static final Set<String> METHODS = Set.of("POST", "GET", "PUT", "PATCH");
    public static final int MAX_STEPS = 50;
    public static final int MAX_TRACKING_NUMBERS = 100;

    private final TargetPolicy targets;
    private final Predicate<String> knownConnector;
    private final ConnectorChoice connectors;

    public FlowValidator(TargetPolicy targets, Predicate<String> knownConnector) {
        this.targets = targets;
        this.knownConnector = knownConnector;
        this.connectors = new ConnectorChoice(knownConnector);
    }

    /**
     * What the answer to saving {@code body} says about its connector (chosen from the URL, or a
     * better one for it); a null body stands for the stored flow {@code saved}.
     */
    public List<String> connectorNotes(JsonInput body, PostCallWebhook saved) {
        return connectors.notes(body, saved);
    }

    /** The connector a webhook that names none gets for {@code url}. */
    public String connectorFor(String url) {
        return connectors.choose(url);
    }

    public FlowInput validate(JsonInput in) {
        in.allowOnly(FLOW_KEYS);
        String name = in.requiredString("name");
        if (name.length() > 200) throw ApiException.invalid("name", "name must be at most 200 characters");

        List<String> numbers = in.optionalStringArray("tracking_numbers");
        if (numbers == null) numbers = List.of();
        if (numbers.size() > MAX_TRACKING_NUMBERS) {
            throw ApiException.invalid("tracking_numbers", "at most " + MAX_TRACKING_NUMBERS + " tracking numbers per flow");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < numbers.size(); i++) {
            String field = "tracking_numbers[" + i + "]";
            if (!PHONE.matcher(numbers.get(i)).matches()) {
                throw ApiException.invalid(field, field + " must be a phone number such as +15735551234");
            }
            if (!seen.add(numbers.get(i))) throw ApiException.invalid(field, field + " repeats " + numbers.get(i));
        }

        JsonInput hook = in.optionalObject("post_call_webhook");
        PostCallWebhook webhook = hook == null ? PostCallWebhook.disabled() : webhook(hook);

        List<Step> steps = new ArrayList<>();
        List<JsonInput> stepInputs = in.optionalObjectArray("steps");
        if (stepInputs != null) {
            if (stepInputs.size() > MAX_STEPS) throw ApiException.invalid("steps", "at most " + MAX_STEPS + " steps per flow");
            for (JsonInput s : stepInputs) steps.add(step(s));
        }
        return new FlowInput(name.strip(), numbers, webhook, steps);
    }

    private PostCallWebhook webhook(JsonInput h) {
        h.allowOnly(WEBHOOK_KEYS);
        Boolean enabled = h.optionalBoolean("enabled");
        boolean on = enabled == null || enabled;
        String url = h.optionalString("url");
        if (on && url == null) throw ApiException.missing(h.name("url"));
        if (url != null) checkUrl(h.name("url"), url);

        String modeText = h.optionalString("firing_mode");
        FiringMode mode = modeText == null ? FiringMode.IMMEDIATE : FiringMode.fromWire(modeText);
        if (mode == null) throw ApiException.invalid(h.name("firing_mode"), h.name("firing_mode") + " must be immediate or wait_for_ai");

        String connector = h.optionalString("connector");
        if (connector == null) connector = connectors.choose(url);
        if (!knownConnector.test(connector)) {
            throw ApiException.invalid(h.name("connector"), h.name("connector") + " '" + connector + "' is not installed (see GET /api/v1/connectors)");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        JsonInput s = h.optionalObject("settings");
        if (s != null) {
            for (var it = s.node().fieldNames(); it.hasNext(); ) {
                String k = it.next();
                settings.put(k, s.requiredString(k));
            }
        }
        return new PostCallWebhook(on, url, mode, connector, settings, WebhookOptionsParser.parse(h));
    }

    private Step step(JsonInput s) {
        String type = s.requiredString("type");
        return switch (type) {
            case "webhook" -> webhookStep(s);
            case "say" -> {
                s.allowOnly(Set.of("type", "message"));
                yield new Step.Say(s.requiredString("message"));
            }
            case "forward" -> {
                s.allowOnly(Set.of("type", "destination"));
                String d = s.requiredString("destination");
                if (!PHONE.matcher(d).matches()) throw ApiException.invalid(s.name("destination"), s.name("destination") + " must be a phone number such as +13055554567");
                yield new Step.Forward(d);
            }
            case "hangup" -> {
                s.allowOnly(Set.of("type", "message"));
                yield new Step.Hangup(s.optionalString("message"));
            }
            default -> throw ApiException.invalid(s.name("type"), s.name("type") + " must be one of webhook, say, forward, hangup");
        };
    }

    private Step webhookStep(JsonInput s) {
        s.allowOnly(Set.of("type", "url", "method", "body", "timeout_seconds", "wait_for_response"));
        String url = s.requiredString("url");
        checkUrl(s.name("url"), url);
        String method = s.optionalString("method");
        method = method == null ? "POST" : method;
        if (!METHODS.contains(method)) throw ApiException.invalid(s.name("method"), s.name("method") + " must be one of POST, GET, PUT, PATCH");
        Long timeout = s.optionalLong("timeout_seconds", 1, 30);
        String body = s.optionalString("body");
        if (body != null && !body.isEmpty()) {
            if ("GET".equals(method)) {
                throw ApiException.invalid(s.name("body"), s.name("body") + " cannot be sent with GET (its fields go in the query string)");
            }
            try {
                BodyTemplate.compile(body);
            } catch (IllegalArgumentException e) {
                String stepName = s.name("body").replace(".body", "");
                throw ApiException.invalid(s.name("body"), stepName + " body: " + e.getMessage());
            }
        } else {
            body = null;
        }
        Boolean wait = s.optionalBoolean("wait_for_response");
        return new Step.Webhook(url, method, body, timeout == null ? 5 : timeout.intValue(), wait != null && wait);
    }

    private void checkUrl(String field, String url) {
        String problem = targets.problemWith(url);
        if (problem != null) throw ApiException.invalid(field, field + " " + problem);
    }
}
