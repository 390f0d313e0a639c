package dev.hookline.connectors;

import dev.hookline.config.HooklineConfig;
import dev.hookline.plugins.HubSettings;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hub settings connectors may read ({@link HubSettings}): only the service endpoints an
 * operator replaced, never keys, paths or anything else of the configuration.
 */
public final class PluginHubSettings {
    private PluginHubSettings() {}

    public static HubSettings from(HooklineConfig config) {
        Map<String, String> m = new LinkedHashMap<>();
        config.googleTokenUrl().ifPresent(u -> m.put(HubSettings.GOOGLE_TOKEN_URL, u.toString()));
        config.sheetsApiUrl().ifPresent(u -> m.put(HubSettings.SHEETS_API_URL, u.toString()));
        return new HubSettings(m);
    }
}
