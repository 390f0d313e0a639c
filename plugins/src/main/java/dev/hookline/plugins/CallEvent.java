package dev.hookline.plugins;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The post-call event: the 38 fields of Hookline's payload, in documented order, every key
 * present ({@code null} where unknown). Values are {@link String}, {@link Long}, {@link Boolean}
 * or {@code null}. Immutable and thread-safe.
 *
 * <p>Written out as it is (for example with {@link Json#write}), {@link #fields()} is exactly the
 * body the built-in {@code webhook} connector posts.
 */
public record CallEvent(Map<String, Object> fields) {

    /** The 38 keys of the payload, in the documented order. */
    public static final List<String> FIELDS = List.of(
            "event", "call_id", "business_id", "call_flow_id", "call_flow_name", "tracking_number", "caller_number",
            "destination_number", "direction", "status", "duration_seconds", "recording_url", "recording_duration",
            "transcription", "summary", "ai_score", "ai_category", "qualified_ai", "qualification_reason", "source",
            "landing_page_url", "referrer_url", "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content",
            "gclid", "fbclid", "msclkid", "value_cents", "cost_cents", "robo_score", "ai_processed", "created_at",
            "webhook_sent_at", "delivery_id", "attempt");

    private static final CallEvent EXAMPLE = exampleEvent();

    public CallEvent {
        fields = fields instanceof ValueMap v && v.isReadOnly() ? v : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** An empty builder: the event it builds keeps its map instead of copying it. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds one event; {@link #build} hands its map over, after which the builder is spent. */
    public static final class Builder {
        /** The payload's keys in order: an event built in that order (the hub's are) shares this array. */
        private static final String[] IN_ORDER = FIELDS.toArray(new String[0]);

        private ValueMap fields = ValueMap.expecting(IN_ORDER);

        private Builder() {}

        public Builder put(String key, Object value) {
            fields.put(key, value);
            return this;
        }

        public CallEvent build() {
            ValueMap done = fields;
            if (done == null) throw new IllegalStateException("this builder has built its event already");
            fields = null;
            return new CallEvent(done.handOver());
        }
    }

    /**
     * A complete example event (the documented payload example): every field filled with a value
     * of its type. Handy for samples and for tests.
     */
    public static CallEvent example() {
        return EXAMPLE;
    }

    public Object get(String key) {
        return fields.get(key);
    }

    /** The value as text, or null. */
    public String string(String key) {
        Object v = fields.get(key);
        return v == null ? null : v.toString();
    }

    /** The value as a whole number, or null when absent or not a number. */
    public Long number(String key) {
        Object v = fields.get(key);
        return v instanceof Number n ? n.longValue() : null;
    }

    /** The value as a boolean, or null when absent or not a boolean. */
    public Boolean bool(String key) {
        Object v = fields.get(key);
        return v instanceof Boolean b ? b : null;
    }

    /** A copy with one field changed. */
    public CallEvent with(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(fields);
        m.put(key, value);
        return new CallEvent(m);
    }

    /**
     * A copy in which every {@code null} field takes the value {@code other} has for it (when that
     * is not null); keys only {@code other} has are added at the end. Used by connectors whose
     * service learns field types from the Test sample: {@code base.withNullsFrom(CallEvent.example())}.
     */
    public CallEvent withNullsFrom(CallEvent other) {
        Map<String, Object> m = new LinkedHashMap<>(fields);
        other.fields.forEach((k, v) -> {
            if (m.get(k) == null && v != null) m.put(k, v);
        });
        return new CallEvent(m);
    }

    private static CallEvent exampleEvent() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", "call.completed");
        m.put("call_id", "a1b2c3d4-e5f6-7890-abcd-ef1234567890");
        m.put("business_id", "00000000-0000-4000-8000-000000000001");
        m.put("call_flow_id", "00000000-0000-4000-8000-000000000002");
        m.put("call_flow_name", "Google Ads");
        m.put("tracking_number", "+15735551234");
        m.put("caller_number", "+13055559876");
        m.put("destination_number", "+13055554567");
        m.put("direction", "inbound");
        m.put("status", "completed");
        m.put("duration_seconds", 145L);
        m.put("recording_url", "https://example.com/recordings/abc123.mp3");
        m.put("recording_duration", 138L);
        m.put("transcription", "Hi, I need a quote for a new AC unit...");
        m.put("summary", "Homeowner requesting HVAC quote for new installation.");
        m.put("ai_score", 85L);
        m.put("ai_category", "lead");
        m.put("qualified_ai", Boolean.TRUE);
        m.put("qualification_reason", "Strong buying intent: requesting pricing");
        m.put("source", "google");
        m.put("landing_page_url", "https://example.com/hvac");
        m.put("referrer_url", "https://google.com");
        m.put("utm_source", "google");
        m.put("utm_medium", "cpc");
        m.put("utm_campaign", "hvac-tampa");
        m.put("utm_term", "ac repair near me");
        m.put("utm_content", "ad-variant-b");
        m.put("gclid", "abc123def456");
        m.put("fbclid", "fb.1.1700000000.abc");
        m.put("msclkid", "ms-0123456789");
        m.put("value_cents", 5000L);
        m.put("cost_cents", 15L);
        m.put("robo_score", 0L);
        m.put("ai_processed", Boolean.TRUE);
        m.put("created_at", "2026-03-30T14:30:00Z");
        m.put("webhook_sent_at", "2026-03-30T14:31:15Z");
        m.put("delivery_id", "00000000-0000-4000-8000-000000000003");
        m.put("attempt", 1L);
        return new CallEvent(m);
    }
}
