package dev.hookline.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookline.model.CallFlow;
import dev.hookline.flows.FlowValidator;
import dev.hookline.model.PostCallWebhook;
import dev.hookline.model.Step;
import dev.hookline.http.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
    static final String API_KEY = "post_call_webhook.settings.api_key";
    static final String SHEET_NAME = "post_call_webhook.settings.sheet_name";
    static final String OTHER_SETTINGS = "post_call_webhook.settings";
    static final List<String> STEP_TYPES = List.of("webhook", "say", "forward", "hangup");
    private static final Pattern STEP_FIELD = Pattern.compile("steps\\[(\\d{1,3})\\]\\.([a-z_]+)");
    private static final Pattern NUMBER_SPLIT = Pattern.compile("[\\s,;]+");
    private static final Pattern WHOLE = Pattern.compile("-?\\d{1,9}");

    String name = "";
    String trackingNumbers = "";
    boolean webhookEnabled;
    String url = "";
    String firingMode = "immediate";
    String connector = "webhook";
    String apiKey = "";
    String sheetName = "";
    String otherSettings = "";
    /** Each step's raw fields by their API names; {@code type} always set. */
    final List<Map<String, String>> steps = new ArrayList<>();

    static FlowForm empty() {
        FlowForm f = new FlowForm();
        f.webhookEnabled = true;
        return f;
    }

    static FlowForm of(CallFlow flow) {
        FlowForm f = new FlowForm();
        f.name = flow.name();
        f.trackingNumbers = String.join("\n", flow.trackingNumbers());
        PostCallWebhook w = flow.postCallWebhook();
        f.webhookEnabled = w.enabled();
        f.url = w.url() == null ? "" : w.url();
        f.firingMode = w.firingMode().wire();
        f.connector = w.connector();
        StringBuilder other = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(w.settings()).entrySet()) {
            if (e.getKey().equals("api_key") && f.connector.equals("make")) f.apiKey = e.getValue();
            else if (e.getKey().equals("sheet_name") && f.connector.equals("sheets")) f.sheetName = e.getValue();
            else other.append(e.getKey()).append('=').append(e.getValue()).append('\n');
        }
        f.otherSettings = other.toString();
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
        f.connector = one(params, "post_call_webhook.connector");
        if (f.connector.isBlank()) f.connector = "webhook";
        f.apiKey = one(params, API_KEY).strip();
        f.sheetName = one(params, SHEET_NAME).strip();
        f.otherSettings = one(params, OTHER_SETTINGS);
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

    /**
     * Applies a steps-editor button ({@code add:webhook}, {@code up:2}, {@code down:2},
     * {@code remove:2}); returns a note for the page, or null when {@code op} is no such button.
     */
    String apply(String op) {
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

    /** The body {@code POST/PUT /api/v1/call-flows} would take for this form. */
    ObjectNode toJson(ObjectMapper mapper) {
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
        hook.put("connector", connector);
        ObjectNode settings = hook.putObject("settings");
        if (connector.equals("make") && !apiKey.isEmpty()) settings.put("api_key", apiKey);
        if (connector.equals("sheets") && !sheetName.isEmpty()) settings.put("sheet_name", sheetName);
        int line = 0;
        for (String l : otherSettings.split("\\R")) {
            line++;
            if (l.isBlank()) continue;
            int eq = l.indexOf('=');
            if (eq <= 0) throw ApiException.invalid(OTHER_SETTINGS, "line " + line + " of Other settings must look like key=value");
            settings.put(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
        }
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

    private static String one(Map<String, List<String>> params, String key) {
        List<String> v = params.get(key);
        return v == null || v.isEmpty() || v.get(0) == null ? "" : v.get(0);
    }
}
