package dev.hookline.web;

import dev.hookline.http.ApiException;
import dev.hookline.model.CallFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The flow editor's model for the webhook's options and connector settings: header rows, event
 * boxes, filter inputs and each bundled connector's settings, with an error of the service put
 * beside the input it names ({@code post_call_webhook.headers.X-Api-Key},
 * {@code post_call_webhook.filter.min_ai_score}, {@code post_call_webhook.settings.service_account_json}).
 */
final class HookOptionsView {
    private static final Pattern HEADER_ROW = Pattern.compile("post_call_webhook\\.headers\\[(\\d+)\\]\\.(name|value)");
    private static final Map<String, String> FILTER_IDS = Map.of(
            HookOptionsForm.FILTER + "qualified_ai", "f-qualified-ai",
            HookOptionsForm.FILTER + "min_ai_score", "f-min-ai-score",
            HookOptionsForm.FILTER + "min_duration_seconds", "f-min-duration",
            HookOptionsForm.FILTER + "sources", "f-sources");

    /** What each of {@link CallFields#EVENTS} means, in that order. */
    private static final List<String> EVENT_LABELS = List.of("a call that was answered", "no answer or busy", "the caller reached voicemail",
            "the call failed");

    private HookOptionsView() {}

    /**
     * The input an API error field belongs to, among this part of the form: a header row's name or
     * value, the events, a filter condition, a setting's own input or the Other lines; null when
     * the field is none of these.
     */
    static String inputFor(String field, String message, FlowForm f, String connector) {
        if (field.startsWith(HookOptionsForm.HEADERS + ".")) {
            int row = f.options.rowOf(field.substring(HookOptionsForm.HEADERS.length() + 1));
            return row < 0 ? HookOptionsForm.HEADERS : HookOptionsForm.HEADERS + "[" + row + "]." + (aboutTheName(message) ? "name" : "value");
        }
        if (field.equals(HookOptionsForm.HEADERS) || HEADER_ROW.matcher(field).matches()) return field;
        if (field.startsWith(HookOptionsForm.EVENTS)) return HookOptionsForm.EVENTS;
        if (field.startsWith(HookOptionsForm.FILTER)) {
            String input = field.replaceFirst("\\[\\d+\\]$", "");
            return FILTER_IDS.containsKey(input) ? input : "post_call_webhook.filter";
        }
        if (field.equals("post_call_webhook.filter")) return field;
        if (field.startsWith(SettingsForm.OTHER + ".")) {
            String name = field.substring(SettingsForm.OTHER.length() + 1);
            return SettingFields.find(connector, name) != null ? field : SettingsForm.OTHER;
        }
        if (field.equals(SettingsForm.OTHER)) return field;
        return null;
    }

    /** The id of the element to jump to for {@code input}, or null when it is not this part's. */
    static String anchorFor(String input) {
        Matcher m = HEADER_ROW.matcher(input);
        if (m.matches()) return "h" + m.group(1) + "-" + m.group(2);
        if (input.equals(HookOptionsForm.HEADERS)) return "f-headers";
        if (input.equals(HookOptionsForm.EVENTS)) return "f-event-0";
        if (FILTER_IDS.containsKey(input)) return FILTER_IDS.get(input);
        if (input.equals("post_call_webhook.filter")) return "f-filter";
        if (input.equals(SettingsForm.OTHER)) return "f-other-settings";
        if (input.startsWith(SettingsForm.OTHER + ".")) {
            return SettingFields.ALL.stream().filter(x -> x.input().equals(input)).map(SettingFields.Field::id).findFirst().orElse(null);
        }
        return null;
    }

    /** Puts the headers, events, filter and settings parts of the editor's model into {@code m}. */
    static void model(Map<String, Object> m, FlowForm f, String input, ApiException error, BiPredicate<String, String> isSecret,
                      String connector) {
        String message = error == null ? null : error.getMessage();
        m.put("headerRows", headerRows(f.options, input, message));
        m.put("headerTemplate", Map.of("id", "h__I__", "index", "__I__", "number", "__N__", "prefix", HookOptionsForm.HEADERS + "[__I__]",
                "name", "", "value", "")); // the row the page's script adds
        m.put("canAddHeader", f.options.headers.stream().filter(r -> !HookOptionsForm.blank(r)).count() < HookOptionsForm.MAX_HEADERS);
        if (HookOptionsForm.HEADERS.equals(input)) m.put("headersError", message);
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < CallFields.EVENTS.size(); i++) {
            String e = CallFields.EVENTS.get(i);
            events.add(Map.of("value", e, "label", EVENT_LABELS.get(i), "id", "f-event-" + i, "checked", f.options.events.contains(e),
                    "first", i == 0));
        }
        m.put("events", events);
        if (HookOptionsForm.EVENTS.equals(input)) m.put("eventsError", message);
        m.put("qualifiedOptions", List.of(option("", "Any", f.options.qualifiedAi), option("true", "Qualified only", f.options.qualifiedAi),
                option("false", "Not qualified only", f.options.qualifiedAi)));
        m.put("minAiScore", f.options.minAiScore);
        m.put("minDuration", f.options.minDuration);
        m.put("sources", f.options.sources);
        for (Map.Entry<String, String> e : FILTER_IDS.entrySet()) {
            if (e.getKey().equals(input)) m.put("err_" + e.getValue().substring(2).replace('-', '_'), message);
        }
        if ("post_call_webhook.filter".equals(input)) m.put("filterError", message);
        settings(m, f, input, message, isSecret, connector);
    }

    private static List<Map<String, Object>> headerRows(HookOptionsForm o, String input, String message) {
        List<String[]> rows = new ArrayList<>(o.headers);
        if (rows.isEmpty() || !HookOptionsForm.blank(rows.get(rows.size() - 1))) rows.add(new String[] {"", ""});
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> r = new LinkedHashMap<>();
            String prefix = HookOptionsForm.HEADERS + "[" + i + "]";
            r.put("index", i);
            r.put("number", i + 1);
            r.put("id", "h" + i);
            r.put("prefix", prefix);
            r.put("name", rows.get(i)[0]);
            r.put("value", rows.get(i)[1]);
            if ((prefix + ".name").equals(input)) r.put("headerNameError", message);
            if ((prefix + ".value").equals(input)) r.put("headerValueError", message);
            out.add(r);
        }
        return out;
    }

    /** Whether the service's message on a header is about its name (an invalid, reserved or repeated name) rather than its value. */
    private static boolean aboutTheName(String message) {
        return message.contains("header name") || message.contains("set by Hookline");
    }

    private static void settings(Map<String, Object> m, FlowForm f, String input, String message, BiPredicate<String, String> isSecret,
                                 String connector) {
        List<String> withheld = new ArrayList<>();
        SettingsForm shown = f.settings.shown(connector, isSecret, withheld);
        List<Map<String, Object>> fields = new ArrayList<>();
        for (SettingFields.Field x : SettingFields.ALL) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("connector", x.connector());
            r.put("id", x.id());
            r.put("input", x.input());
            r.put("label", x.label());
            r.put("hint", x.hint());
            r.put("multiline", x.multiline());
            r.put("placeholder", x.placeholder());
            r.put("value", shown.values.getOrDefault(x.name(), ""));
            if (x.input().equals(input)) r.put("fieldError", message);
            if (withheld.contains(x.name())) r.put("withheld", true);
            fields.add(r);
        }
        m.put("settingFields", fields);
        m.put("otherSettings", shown.other);
        if (SettingsForm.OTHER.equals(input)) m.put("otherSettingsError", message);
        if (!withheld.isEmpty()) {
            m.put("withheldNote", "Hookline does not send a secret back to the browser: paste " + String.join(", ", withheld)
                    + " again before saving.");
        }
    }

    private static Map<String, Object> option(String value, String label, String current) {
        return Map.of("value", value, "label", label, "selected", value.equals(current));
    }
}
