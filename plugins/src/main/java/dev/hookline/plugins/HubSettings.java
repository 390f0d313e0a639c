package dev.hookline.plugins;

import java.util.Map;

/**
 * The hub's settings a connector may read, by name; only those listed here are ever given, and
 * only when the operator set them (a connector applies its own default otherwise). Immutable.
 */
public record HubSettings(Map<String, String> values) {
    /** {@code HOOKLINE_GOOGLE_TOKEN_URL}: Google's OAuth token endpoint, replaced (for an emulator in tests). */
    public static final String GOOGLE_TOKEN_URL = "google_token_url";
    /** {@code HOOKLINE_SHEETS_API_URL}: the base URL of the Google Sheets API, replaced (for an emulator in tests). */
    public static final String SHEETS_API_URL = "sheets_api_url";

    private static final HubSettings NONE = new HubSettings(Map.of());

    public HubSettings {
        values = Map.copyOf(values);
    }

    public static HubSettings none() {
        return NONE;
    }

    /** The setting, or {@code fallback} when the operator did not set it. */
    public String get(String name, String fallback) {
        String v = values.get(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
