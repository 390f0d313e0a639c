package dev.hookline.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookline.flows.SecretSettings;
import dev.hookline.http.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiPredicate;

/**
 * The connector settings of the flow editor: an input for each bundled connector's setting
 * ({@link SettingFields}) and {@code key=value} lines for any other. Secret settings reach the
 * page masked as the API shows them and go back masked, so the save keeps the stored value
 * ({@link SecretSettings#keepStored}); a secret typed into the form is never sent back to the
 * browser. Not thread-safe; one per request.
 */
final class SettingsForm {
    static final String OTHER = "post_call_webhook.settings";

    /** The values of the settings' own inputs, by setting name (blank ones left out). */
    final Map<String, String> values = new LinkedHashMap<>();
    /** The Other settings lines as typed. */
    String other = "";

    /** The settings of a stored webhook of {@code connector}, as the API shows them (secrets masked). */
    static SettingsForm of(String connector, Map<String, String> shown) {
        SettingsForm f = new SettingsForm();
        StringBuilder other = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(shown).entrySet()) {
            if (SettingFields.find(connector, e.getKey()) != null) f.values.put(e.getKey(), e.getValue());
            else other.append(e.getKey()).append('=').append(e.getValue()).append('\n');
        }
        f.other = other.toString();
        return f;
    }

    static SettingsForm fromParams(Map<String, List<String>> params) {
        SettingsForm f = new SettingsForm();
        for (SettingFields.Field field : SettingFields.ALL) {
            String v = FlowForm.one(params, field.input()).strip();
            if (!v.isEmpty()) f.values.put(field.name(), v);
        }
        f.other = FlowForm.one(params, OTHER);
        return f;
    }

    /** Puts the settings {@code connector} takes into {@code settings}: its own inputs that are filled, then the Other lines. */
    void toJson(ObjectNode settings, String connector) {
        for (SettingFields.Field field : SettingFields.of(connector)) {
            String v = values.get(field.name());
            if (v != null) settings.put(field.name(), v);
        }
        int line = 0;
        for (String l : other.split("\\R")) {
            line++;
            if (l.isBlank()) continue;
            int eq = l.indexOf('=');
            if (eq <= 0) throw ApiException.invalid(OTHER, "line " + line + " of Other settings must look like key=value");
            settings.put(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
        }
    }

    /**
     * This form as a page may show it again: each secret value that is not a mask (one the user
     * typed, not stored yet) emptied, and its name added to {@code withheld}. A setting's own input
     * is judged by its connector, the Other lines by {@code connector}.
     */
    SettingsForm shown(String connector, BiPredicate<String, String> isSecret, List<String> withheld) {
        SettingsForm out = new SettingsForm();
        values.forEach((name, v) -> {
            SettingFields.Field field = SettingFields.ALL.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
            boolean hide = !SecretSettings.isMasked(v) && isSecret.test(field.connector(), name);
            if (hide) withheld.add(name);
            else out.values.put(name, v);
        });
        List<String> lines = new ArrayList<>();
        for (String l : other.split("\\R", -1)) {
            int eq = l.indexOf('=');
            String key = eq <= 0 ? null : l.substring(0, eq).strip();
            String v = eq <= 0 ? null : l.substring(eq + 1).strip();
            if (key != null && !v.isEmpty() && !SecretSettings.isMasked(v) && isSecret.test(connector, key)) {
                withheld.add(key);
                lines.add(key + "=");
            } else {
                lines.add(l);
            }
        }
        out.other = String.join("\n", lines);
        return out;
    }
}
