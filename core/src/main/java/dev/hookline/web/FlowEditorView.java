package dev.hookline.web;

import dev.hookline.connectors.ConnectorInfo;
import dev.hookline.flows.FlowSaves;
import dev.hookline.http.ApiException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The flow editor's model: a {@link FlowForm}'s values, the one error the service found placed
 * beside its input (with a link to it at the top), the connector's warnings, and the step rows
 * (the webhook's options and settings: {@link HookOptionsView}).
 */
final class FlowEditorView {
    private static final Pattern STEP_ERROR = Pattern.compile("steps\\[(\\d+)\\](?:\\.([a-z_]+))?");
    private static final List<String> METHODS = List.of("POST", "GET", "PUT", "PATCH");
    private static final List<String> VARIABLES = List.of("{{caller_number}}", "{{tracking_number}}", "{{call_sid}}");

    private FlowEditorView() {}

    /**
     * The editor's model: {@code f}'s values, {@code error} beside its input, the URL's
     * {@code warnings}; {@code saves} says which connector "automatic" picks and which settings are secret.
     */
    static Map<String, Object> model(Map<String, Object> m, FlowForm f, List<ConnectorInfo> connectors, ApiException error,
                                     List<String> warnings, Duration aiWait, FlowSaves saves) {
        String connector = f.effectiveConnector(saves::connectorFor);
        String field = error == null ? null : error.field() == null ? "" : error.field();
        String input = field == null ? null : inputFor(field, error.getMessage(), f, connector);
        put(m, "name", f.name, "name", input, error);
        put(m, "numbers", f.trackingNumbers, "tracking_numbers", input, error);
        m.put("enabled", f.webhookEnabled);
        put(m, "url", f.url, FlowForm.URL, input, error);
        m.put("urlWarnings", warnings);
        m.put("immediate", !"wait_for_ai".equals(f.firingMode));
        m.put("waitForAi", "wait_for_ai".equals(f.firingMode));
        put(m, "mode", f.firingMode, "post_call_webhook.firing_mode", input, error);
        m.put("aiWait", human(aiWait));
        m.put("connectors", ConnectorGuides.forPicker(connectors, f.connector));
        put(m, "connector", f.connector, FlowForm.CONNECTOR, input, error);
        HookOptionsView.model(m, f, input, error, saves::isSecret, connector);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < f.steps.size(); i++) rows.add(row(i, f.steps.size(), f.steps.get(i), input, error));
        m.put("steps", rows);
        m.put("noSteps", rows.isEmpty());
        m.put("stepTypes", FlowForm.STEP_TYPES.stream().map(t -> Map.of("type", t, "label", label(t))).toList());
        if (error != null) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("message", error.getMessage());
            e.put("anchor", anchorFor(input));
            m.put("formError", e);
        }
        return m;
    }

    private static Map<String, Object> row(int i, int count, Map<String, String> s, String input, ApiException error) {
        Map<String, Object> r = new LinkedHashMap<>();
        String type = s.get("type");
        String prefix = "steps[" + i + "]";
        r.put("index", i);
        r.put("number", i + 1);
        r.put("type", type);
        r.put("label", label(type));
        r.put("prefix", prefix);
        r.put("id", "s" + i);
        r.put("is_" + type, true);
        r.put("first", i == 0);
        r.put("last", i == count - 1);
        r.put("url", s.getOrDefault("url", ""));
        String method = s.getOrDefault("method", "POST");
        r.put("methods", METHODS.stream().map(x -> Map.of("m", x, "selected", x.equals(method))).toList());
        r.put("body", s.getOrDefault("body", ""));
        r.put("timeout", s.getOrDefault("timeout_seconds", "5"));
        r.put("wait", s.containsKey("wait_for_response"));
        r.put("message", s.getOrDefault("message", ""));
        r.put("destination", s.getOrDefault("destination", ""));
        r.put("vars", VARIABLES.stream().map(v -> Map.of("token", v)).toList());
        for (String f : List.of("url", "method", "body", "timeout_seconds", "message", "destination", "type")) {
            if ((prefix + "." + f).equals(input)) r.put("err_" + f, error.getMessage());
        }
        if (prefix.equals(input)) r.put("err_step", error.getMessage());
        return r;
    }

    /** Puts a value, and the error when it is this input's. */
    private static void put(Map<String, Object> m, String key, String value, String name, String input, ApiException error) {
        m.put(key, value);
        if (name.equals(input)) m.put(key + "Error", error.getMessage());
    }

    /**
     * The input an API error field belongs to: {@code tracking_numbers[2]} → {@code tracking_numbers},
     * {@code post_call_webhook.headers.X-Api-Key} → that header's row, and so on; {@code connector}
     * is the one the save used, whose settings have inputs of their own.
     */
    static String inputFor(String field, String message, FlowForm f, String connector) {
        if (field.startsWith("tracking_numbers")) return "tracking_numbers";
        String option = HookOptionsView.inputFor(field, message, f, connector);
        if (option != null) return option;
        Matcher m = STEP_ERROR.matcher(field);
        if (m.matches() && m.group(2) == null) return "steps[" + m.group(1) + "]";
        return field;
    }

    private static String anchorFor(String input) {
        if (input == null || input.isEmpty()) return null;
        Matcher m = STEP_ERROR.matcher(input);
        if (m.matches()) {
            String sub = m.group(2);
            return "s" + m.group(1) + (sub == null ? "" : "-" + sub.replace('_', '-'));
        }
        String option = HookOptionsView.anchorFor(input);
        if (option != null) return option;
        return switch (input) {
            case "name" -> "f-name";
            case "tracking_numbers" -> "f-numbers";
            case FlowForm.URL -> "f-url";
            case "post_call_webhook.firing_mode" -> "f-mode-immediate";
            case FlowForm.CONNECTOR -> "f-connector";
            default -> null;
        };
    }

    static String label(String type) {
        return switch (type) {
            case "webhook" -> "Webhook";
            case "say" -> "Say";
            case "forward" -> "Forward";
            default -> "Hang up";
        };
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        if (s % 3600 == 0 && s > 0) return (s / 3600) + " h";
        if (s % 60 == 0 && s > 0) return (s / 60) + " min";
        return s + " s";
    }
}
