package dev.hookline.model;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The call fields of the post-call payload (the list itself is {@link dev.hookline.plugins.CallEvent#FIELDS}): their
 * types, the statuses and categories, the ones that arrive later with analysis, and the status-to-event mapping.
 */
public final class CallFields {
    private CallFields() {}

    public enum Kind { TEXT, URL, COUNT, SCORE, BOOLEAN, DIRECTION, CATEGORY }

    /** Fields a call report may carry besides its identity, status and time, with their types. */
    public static final Map<String, Kind> DETAILS = Map.ofEntries(
            Map.entry("destination_number", Kind.TEXT),
            Map.entry("direction", Kind.DIRECTION),
            Map.entry("duration_seconds", Kind.COUNT),
            Map.entry("recording_url", Kind.URL),
            Map.entry("recording_duration", Kind.COUNT),
            Map.entry("transcription", Kind.TEXT),
            Map.entry("summary", Kind.TEXT),
            Map.entry("ai_score", Kind.SCORE),
            Map.entry("ai_category", Kind.CATEGORY),
            Map.entry("qualified_ai", Kind.BOOLEAN),
            Map.entry("qualification_reason", Kind.TEXT),
            Map.entry("source", Kind.TEXT),
            Map.entry("landing_page_url", Kind.URL),
            Map.entry("referrer_url", Kind.URL),
            Map.entry("utm_source", Kind.TEXT),
            Map.entry("utm_medium", Kind.TEXT),
            Map.entry("utm_campaign", Kind.TEXT),
            Map.entry("utm_term", Kind.TEXT),
            Map.entry("utm_content", Kind.TEXT),
            Map.entry("gclid", Kind.TEXT),
            Map.entry("fbclid", Kind.TEXT),
            Map.entry("msclkid", Kind.TEXT),
            Map.entry("value_cents", Kind.COUNT),
            Map.entry("cost_cents", Kind.COUNT),
            Map.entry("robo_score", Kind.SCORE));

    /** The events a post-call webhook can fire for, in the order the API lists them. */
    public static final List<String> EVENTS = List.of("call.completed", "call.missed", "call.voicemail", "call.failed");

    /** The AI part of an analysis: one of these releases a Wait-for-AI delivery (a transcription alone does not). */
    public static final Set<String> AI_PART = Set.of("ai_score", "ai_category", "summary", "qualified_ai");

    /** What {@code POST /calls/{id}/analysis} may set. */
    public static final Set<String> ANALYSIS = Set.of("transcription", "summary", "ai_score", "ai_category", "qualified_ai", "qualification_reason");

    public static final Set<String> STATUSES = Set.of("completed", "no-answer", "voicemail", "busy", "failed");
    public static final Set<String> CATEGORIES = Set.of("lead", "existing_customer", "spam", "wrong_number", "voicemail");

    /** Payload keys Hookline fills in itself; a call report that sends them is refused. */
    public static final Set<String> COMPUTED = Set.of("event", "business_id", "call_flow_name", "webhook_sent_at", "delivery_id", "attempt");

    /** completed → call.completed; no-answer, busy → call.missed; voicemail → call.voicemail; failed → call.failed. */
    public static String eventFor(String status) {
        return switch (status) {
            case "completed" -> "call.completed";
            case "no-answer", "busy" -> "call.missed";
            case "voicemail" -> "call.voicemail";
            case "failed" -> "call.failed";
            default -> throw new IllegalArgumentException("unknown status " + status);
        };
    }
}
