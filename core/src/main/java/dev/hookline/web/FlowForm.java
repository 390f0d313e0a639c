package dev.hookline.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookline.flows.FlowJson;
import dev.hookline.flows.FlowValidator;
import dev.hookline.model.CallFlow;
import dev.hookline.model.PostCallWebhook;
import dev.hookline.model.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The flow editor's form as the user typed it. It becomes the JSON body the API takes (so the
 * API's validator judges it and names the field at fault), and is shown again with that error
 * beside the field and every value kept. Inputs are named after the API's fields
 * ({@code post_call_webhook.url}, {@code steps[1].url}), so an error's field is the input's name.
 * Not thread-safe; one per request.
 */
final class FlowForm {
    static final String URL = "post_call_webhook.url";
    static final String CONNECTOR = "post_call_webhook.connector";
    /** The connector picker's choice that leaves the connector out of the body, so the service picks it from the URL. */
    static final String AUTOMATIC = "";
    static final List<String> STEP_TYPES = List.of("webhook", "say", "forward", "hangup");
    private static final Pattern STEP_FIELD = Pattern.compile("steps\\[(\\d{1,3})\\]\\.([a-z_]+)");
    private static final Pattern NUMBER_SPLIT = Pattern.compile("[\\s,;]+");
    private static final Pattern WHOLE = Pattern.compile("-?\\d{1,9}");

    String name = "";
    String trackingNumbers = "";
    boolean webhookEnabled;
    String url = "";
    String firingMode = "immediate";
    /** A connector id, or {@link #AUTOMATIC}. */
    String connector = AUTOMATIC;
    SettingsForm settings = new SettingsForm();
    HookOptionsForm options = new HookOptionsForm();
    /** Each step's raw fields by their API names; {@code type} always set. */
    final List<Map<String, String>> steps = new ArrayList<>();

    static FlowForm empty() {
        FlowForm f = new FlowForm();
        f.webhookEnabled = true;
        return f;
    }

    /** A stored flow, its secrets (header values, secret settings) masked as the API's answers show them. */
    static FlowForm of(CallFlow flow, FlowJson json) {
        FlowForm f = new FlowForm();
        f.name = flow.name();
        f.trackingNumbers = String.join("\n", flow.trackingNumbers());
        PostCallWebhook w = flow.postCallWebhook();
        f.webhookEnabled = w.enabled();
        f.url = w.url() == null ? "" : w.url();
        f.firingMode = w.firingMode().wire();
        f.connector = w.connector();
        f.settings = SettingsForm.of(w.connector(), json.shownSettings(w));
        f.options = HookOptionsForm.of(w, FlowJson.maskedHeaders(w));
        for (Step s : flow.steps()) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("type", s.type());
            if (s instanceof Step.Webhook wh) {
                m.put("url", wh.url());
                m.put("method", wh.method());
                m.put("body", wh.body() == null ? "" : wh.body());
                m.put("timeout_seconds", Integer.toString(wh.timeoutSeconds()));
                if (wh.waitForResponse()) m.put("wait_for_response", "on");
            } else if (s instanceof Step.Say say) {
                m.put("message", say.message());
            } else if (s instanceof Step.Forward fw) {
                m.put("destination", fw.destination());
            } else if (s instanceof Step.Hangup hu) {
                m.put("message", hu.message() == null ? "" : hu.message());
            }
            f.steps.add(m);
        }
        return f;
    }

    static FlowForm fromParams(Map<String, List<String>> params) {
        FlowForm f = new FlowForm();
        f.name = one(params, "name");
        f.trackingNumbers = one(params, "tracking_numbers");
        f.webhookEnabled = params.containsKey("post_call_webhook.enabled");
        f.url = one(params, URL).strip();
        f.firingMode = one(params, "post_call_webhook.firing_mode");
        f.connector = one(params, CONNECTOR).strip();
        f.settings = SettingsForm.fromParams(params);
        f.options = HookOptionsForm.fromParams(params);
        TreeMap<Integer, Map<String, String>> byIndex = new TreeMap<>();
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            Matcher m = STEP_FIELD.matcher(e.getKey());
            if (m.matches() && !e.getValue().isEmpty()) {
                byIndex.computeIfAbsent(Integer.parseInt(m.group(1)), k -> new LinkedHashMap<>()).put(m.group(2), e.getValue().get(0));
            }
        }
        for (Map<String, String> s : byIndex.values()) {
            if (STEP_TYPES.contains(s.get("type"))) f.steps.add(s);
        }
        return f;
    }

    /** The connector the save uses: the one picked, or for {@link #AUTOMATIC} the one {@code chooser} gives for the URL. */
    String effectiveConnector(UnaryOperator<String> chooser) {
        return connector.equals(AUTOMATIC) ? chooser.apply(url.isEmpty() ? null : url) : connector;
    }

    /**
     * Applies an editor button: a step's ({@code add:webhook}, {@code up:2}, {@code down:2},
     * {@code remove:2}) or a header row's; returns a note for the page, or null when {@code op} is no such button.
     */
    String apply(String op) {
        String headerNote = options.apply(op);
        if (headerNote != null) return headerNote;
        if (op == null || !op.contains(":")) return null;
        String verb = op.substring(0, op.indexOf(':'));
        String arg = op.substring(op.indexOf(':') + 1);
        if (verb.equals("add")) {
            if (!STEP_TYPES.contains(arg)) return null;
            if (steps.size() >= FlowValidator.MAX_STEPS) return "A flow has at most " + FlowValidator.MAX_STEPS + " steps.";
            Map<String, String> s = new LinkedHashMap<>();
            s.put("type", arg);
            if (arg.equals("webhook")) {
                s.put("method", "POST");
                s.put("timeout_seconds", "5");
            }
            steps.add(s);
            return "Added a " + arg + " step (step " + steps.size() + ").";
        }
        int i;
        try {
            i = Integer.parseInt(arg);
        } catch (NumberFormatException e) {
            return null;
        }
        if (i < 0 || i >= steps.size()) return null;
        switch (verb) {
            case "remove" -> steps.remove(i);
            case "up" -> {
                if (i == 0) return null;
                steps.add(i - 1, steps.remove(i));
            }
            case "down" -> {
                if (i == steps.size() - 1) return null;
                steps.add(i + 1, steps.remove(i));
            }
            default -> {
                return null;
            }
        }
        return verb.equals("remove") ? "Removed step " + (i + 1) + "." : "Moved step " + (i + 1) + " " + verb + ".";
    }

    /** The body {@code POST/PUT /api/v1/call-flows} would take for this form; {@code chooser} as for {@link #effectiveConnector}. */
    ObjectNode toJson(ObjectMapper mapper, UnaryOperator<String> chooser) {
        ObjectNode root = mapper.createObjectNode();
        root.put("name", name);
        ArrayNode numbers = root.putArray("tracking_numbers");
        for (String n : NUMBER_SPLIT.split(trackingNumbers.strip())) {
            if (!n.isEmpty()) numbers.add(n);
        }
        ObjectNode hook = root.putObject("post_call_webhook");
        hook.put("enabled", webhookEnabled);
        if (url.isEmpty()) hook.putNull("url");
        else hook.put("url", url);
        hook.put("firing_mode", firingMode);
        if (!connector.equals(AUTOMATIC)) hook.put("connector", connector);
        settings.toJson(hook.putObject("settings"), effectiveConnector(chooser));
        options.toJson(hook);
        ArrayNode stepArray = root.putArray("steps");
        for (Map<String, String> s : steps) stepArray.add(stepJson(mapper, s));
        return root;
    }

    private static ObjectNode stepJson(ObjectMapper mapper, Map<String, String> s) {
        ObjectNode n = mapper.createObjectNode();
        String type = s.get("type");
        n.put("type", type);
        switch (type) {
            case "webhook" -> {
                text(n, "url", s.get("url"));
                text(n, "method", s.get("method"));
                String body = s.getOrDefault("body", "");
                if (body.isBlank()) n.putNull("body");
                else n.put("body", body);
                String timeout = s.getOrDefault("timeout_seconds", "").strip();
                if (WHOLE.matcher(timeout).matches()) n.put("timeout_seconds", Long.parseLong(timeout));
                else if (!timeout.isEmpty()) n.put("timeout_seconds", timeout); // the validator names it
                n.put("wait_for_response", s.containsKey("wait_for_response"));
            }
            case "forward" -> text(n, "destination", s.get("destination"));
            default -> text(n, "message", s.get("message"));
        }
        return n;
    }

    private static void text(ObjectNode n, String key, String value) {
        if (value == null || value.isBlank()) n.putNull(key);
        else n.put(key, value.strip());
    }

    static String one(Map<String, List<String>> params, String key) {
        List<String> v = params.get(key);
        return v == null || v.isEmpty() || v.get(0) == null ? "" : v.get(0);
    }
}
