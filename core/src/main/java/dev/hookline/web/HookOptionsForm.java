package dev.hookline.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookline.http.ApiException;
import dev.hookline.model.CallFilter;
import dev.hookline.model.PostCallWebhook;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The post-call webhook's options in the flow editor: header rows (name, value), the events that
 * fire and the call filter, as typed, and as the {@code headers}, {@code events} and
 * {@code filter} of the API's body. Stored header values come masked as the API shows them and go
 * back masked, which keeps the stored value. Not thread-safe; one per request.
 */
final class HookOptionsForm {
    static final String HEADERS = "post_call_webhook.headers";
    static final String EVENTS = "post_call_webhook.events";
    static final String FILTER = "post_call_webhook.filter.";
    /** The API's limit on headers; the editor offers no more rows than that. */
    static final int MAX_HEADERS = 20;
    private static final Pattern HEADER_FIELD = Pattern.compile("post_call_webhook\\.headers\\[(\\d{1,3})\\]\\.(name|value)");
    private static final Pattern SOURCE_SPLIT = Pattern.compile("\\s*,\\s*");
    private static final Pattern WHOLE = Pattern.compile("-?\\d{1,9}");

    /** Header rows, each {name, value}, in page order; blank rows are kept so the page shows them again. */
    final List<String[]> headers = new ArrayList<>();
    final Set<String> events = new LinkedHashSet<>();
    /** {@code ""} (any), {@code "true"} or {@code "false"}. */
    String qualifiedAi = "";
    String minAiScore = "";
    String minDuration = "";
    String sources = "";

    static HookOptionsForm of(PostCallWebhook w, Map<String, String> maskedHeaders) {
        HookOptionsForm f = new HookOptionsForm();
        maskedHeaders.forEach((name, value) -> f.headers.add(new String[] {name, value}));
        if (w.options().events() != null) f.events.addAll(w.options().events());
        CallFilter filter = w.options().filter();
        f.qualifiedAi = filter.qualifiedAi() == null ? "" : filter.qualifiedAi().toString();
        f.minAiScore = filter.minAiScore() == null ? "" : filter.minAiScore().toString();
        f.minDuration = filter.minDurationSeconds() == null ? "" : filter.minDurationSeconds().toString();
        f.sources = filter.sources() == null ? "" : String.join(", ", filter.sources());
        return f;
    }

    static HookOptionsForm fromParams(Map<String, List<String>> params) {
        HookOptionsForm f = new HookOptionsForm();
        TreeMap<Integer, String[]> rows = new TreeMap<>();
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            Matcher m = HEADER_FIELD.matcher(e.getKey());
            if (m.matches() && !e.getValue().isEmpty()) {
                String[] row = rows.computeIfAbsent(Integer.parseInt(m.group(1)), k -> new String[] {"", ""});
                row[m.group(2).equals("name") ? 0 : 1] = e.getValue().get(0) == null ? "" : e.getValue().get(0);
            }
        }
        rows.values().stream().limit(MAX_HEADERS + 2L).forEach(f.headers::add);
        List<String> events = params.get(EVENTS);
        if (events != null) events.stream().filter(e -> e != null && !e.isBlank()).forEach(f.events::add);
        f.qualifiedAi = FlowForm.one(params, FILTER + "qualified_ai").strip();
        f.minAiScore = FlowForm.one(params, FILTER + "min_ai_score").strip();
        f.minDuration = FlowForm.one(params, FILTER + "min_duration_seconds").strip();
        f.sources = FlowForm.one(params, FILTER + "sources").strip();
        return f;
    }

    /** Applies a header button ({@code add-header}, {@code remove-header:2}); a note for the page, or null when {@code op} is none. */
    String apply(String op) {
        if ("add-header".equals(op)) {
            if (headers.stream().filter(r -> !blank(r)).count() >= MAX_HEADERS) return "A webhook has at most " + MAX_HEADERS + " headers.";
            headers.add(new String[] {"", ""});
            return "Added a header row.";
        }
        if (op == null || !op.startsWith("remove-header:")) return null;
        int i;
        try {
            i = Integer.parseInt(op.substring("remove-header:".length()));
        } catch (NumberFormatException e) {
            return null;
        }
        if (i < 0 || i >= headers.size()) return null;
        String name = headers.remove(i)[0].strip();
        return name.isEmpty() ? "Removed a header row." : "Removed the header " + name + ".";
    }

    /** Puts {@code headers}, {@code events} (left out when none is ticked: all fire) and {@code filter} (when any condition is set) into {@code hook}. */
    void toJson(ObjectNode hook) {
        ObjectNode h = hook.putObject("headers");
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.get(i)[0].strip();
            String value = headers.get(i)[1].strip();
            if (name.isEmpty() && value.isEmpty()) continue;
            if (name.isEmpty()) {
                String field = HEADERS + "[" + i + "].name";
                throw ApiException.invalid(field, "header row " + (i + 1) + " has a value but no name");
            }
            if (h.has(name)) throw ApiException.invalid(HEADERS + "." + name, HEADERS + "." + name + " repeats a header name");
            h.put(name, value);
        }
        if (!events.isEmpty()) {
            ArrayNode a = hook.putArray("events");
            events.forEach(a::add);
        }
        if (qualifiedAi.isEmpty() && minAiScore.isEmpty() && minDuration.isEmpty() && sources.isEmpty()) return;
        ObjectNode f = hook.putObject("filter");
        switch (qualifiedAi) {
            case "" -> { }
            case "true", "false" -> f.put("qualified_ai", Boolean.parseBoolean(qualifiedAi));
            default -> f.put("qualified_ai", qualifiedAi); // the validator names it
        }
        number(f, "min_ai_score", minAiScore);
        number(f, "min_duration_seconds", minDuration);
        if (!sources.isEmpty()) {
            ArrayNode a = f.putArray("sources");
            for (String s : SOURCE_SPLIT.split(sources)) {
                if (!s.isBlank()) a.add(s.strip());
            }
        }
    }

    /** The row an API error on header {@code name} belongs to: the last of that name, else the last of that name in another case; -1 if none. */
    int rowOf(String name) {
        for (int i = headers.size() - 1; i >= 0; i--) {
            if (headers.get(i)[0].strip().equals(name)) return i;
        }
        for (int i = headers.size() - 1; i >= 0; i--) {
            if (headers.get(i)[0].strip().equalsIgnoreCase(name)) return i;
        }
        return -1;
    }

    static boolean blank(String[] row) {
        return row[0].isBlank() && row[1].isBlank();
    }

    private static void number(ObjectNode f, String key, String text) {
        if (text.isEmpty()) return;
        if (WHOLE.matcher(text).matches()) f.put(key, Long.parseLong(text));
        else f.put(key, text); // the validator names it
    }
}
