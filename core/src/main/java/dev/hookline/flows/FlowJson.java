package dev.hookline.flows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.hookline.time.Times;

/** The JSON forms of a flow: its API answer and the stored text of its steps and settings. Thread-safe. */
public final class FlowJson {
    /** Connector settings read back per attempt are the same few texts over and over: parsed once each. */
    private static final int SETTINGS_CACHE_MAX = 1024;

    private final ObjectMapper mapper;
    private final SecretSettings secrets;
    private final java.util.concurrent.ConcurrentHashMap<String, Map<String, String>> settingsCache = new java.util.concurrent.ConcurrentHashMap<>();

    public FlowJson(ObjectMapper mapper) {
        this(mapper, SecretSettings.none());
    }

    /** {@code secrets} says which connector settings answers show masked. */
    public FlowJson(ObjectMapper mapper, SecretSettings secrets) {
        this.mapper = mapper;
        this.secrets = secrets;
    }

    /** The API view; {@code showSecret} only in the 201 answer to a create. */
    public Map<String, Object> view(CallFlow f, boolean showSecret) {
        Map<String, Object> hook = new LinkedHashMap<>();
        PostCallWebhook w = f.postCallWebhook();
        hook.put("enabled", w.enabled());
        hook.put("url", w.url());
        hook.put("firing_mode", w.firingMode().wire());
        hook.put("connector", w.connector());
        if (!w.settings().isEmpty()) hook.put("settings", secrets.masked(w.connector(), w.settings()));
        hook.put("signing_secret", showSecret ? f.signingSecret() : mask(f.signingSecret()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", f.id());
        out.put("business_id", f.businessId());
        out.put("name", f.name());
        out.put("tracking_numbers", f.trackingNumbers());
        out.put("post_call_webhook", hook);
        out.put("steps", stepMaps(f.steps()));
        out.put("created_at", Times.iso(f.createdAt()));
        out.put("updated_at", Times.iso(f.updatedAt()));
        return out;
    }

    static String mask(String secret) {
        return secret.substring(0, 6) + "…" + secret.substring(secret.length() - 4);
    }

    public String stepsToText(List<Step> steps) {
        return write(stepMaps(steps));
    }

    public String settingsToText(Map<String, String> settings) {
        return settings.isEmpty() ? "{}" : write(settings);
    }

    /** The settings a delivery snapshotted, read-only. */
    public Map<String, String> settingsFromText(String text) {
        Map<String, String> cached = settingsCache.get(text);
        if (cached != null) return cached;
        Map<String, String> parsed;
        try {
            parsed = java.util.Collections.unmodifiableMap(mapper.readValue(text, new TypeReference<LinkedHashMap<String, String>>() {}));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored connector settings are not JSON", e);
        }
        if (settingsCache.size() >= SETTINGS_CACHE_MAX) settingsCache.clear();
        settingsCache.put(text, parsed);
        return parsed;
    }

    public List<Step> stepsFromText(String text) {
        List<Map<String, Object>> raw;
        try {
            raw = mapper.readValue(text, new TypeReference<List<Map<String, Object>>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored steps are not JSON", e);
        }
        List<Step> out = new ArrayList<>();
        for (Map<String, Object> m : raw) {
            out.add(switch ((String) m.get("type")) {
                case "webhook" -> new Step.Webhook((String) m.get("url"), (String) m.get("method"), (String) m.get("body"),
                        ((Number) m.get("timeout_seconds")).intValue(), Boolean.TRUE.equals(m.get("wait_for_response")));
                case "say" -> new Step.Say((String) m.get("message"));
                case "forward" -> new Step.Forward((String) m.get("destination"));
                default -> new Step.Hangup((String) m.get("message"));
            });
        }
        return out;
    }

    private static List<Map<String, Object>> stepMaps(List<Step> steps) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Step s : steps) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", s.type());
            if (s instanceof Step.Webhook w) {
                m.put("url", w.url());
                m.put("method", w.method());
                m.put("body", w.body());
                m.put("timeout_seconds", w.timeoutSeconds());
                m.put("wait_for_response", w.waitForResponse());
            } else if (s instanceof Step.Say say) {
                m.put("message", say.message());
            } else if (s instanceof Step.Forward fw) {
                m.put("destination", fw.destination());
            } else if (s instanceof Step.Hangup hu) {
                m.put("message", hu.message());
            }
            out.add(m);
        }
        return out;
    }

    private String write(Object o) {
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
