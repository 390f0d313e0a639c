package dev.hookline.slack;

import dev.hookline.plugins.CallEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the Slack message is built: a Block Kit message about one call, with a {@code text}
 * fallback for notifications, inside Slack's limits (header 150 characters, section text 3000,
 * at most 10 fields of 2000, at most 50 blocks). Stateless.
 */
final class SlackMessage {
    static final int HEADER_MAX = 150;
    static final int SECTION_TEXT_MAX = 3000;
    static final int FIELD_MAX = 2000;
    static final int FIELDS_MAX = 10;
    static final int BLOCKS_MAX = 50;
    /** Slack cuts longer texts itself; the fallback stays well under that. */
    static final int FALLBACK_MAX = 3000;

    private SlackMessage() {}

    /** The message as a JSON-ready map: {@code text} plus {@code blocks}. */
    static Map<String, Object> of(CallEvent e) {
        String caller = e.string("caller_number");
        String headline = headline(e.string("event")) + " " + Mrkdwn.displayPhone(caller);

        List<Map<String, Object>> blocks = new ArrayList<>();
        blocks.add(obj("type", "header", "text", plain(Mrkdwn.cut(headline, HEADER_MAX))));
        blocks.add(obj("type", "section", "fields", fields(e)));

        String summary = e.string("summary");
        String reason = e.string("qualification_reason");
        if (summary != null && !summary.isBlank()) {
            blocks.add(section("*Summary*\n", summary));
        }
        if (reason != null && !reason.isBlank()) {
            blocks.add(section("*Qualification*\n", reason));
        }
        String recording = e.string("recording_url");
        if (isWebUrl(recording)) {
            Long length = e.number("recording_duration");
            String label = "▶ Listen to the recording" + (length == null ? "" : " (" + minutesSeconds(length) + ")");
            blocks.add(obj("type", "section", "text", mrkdwn(Mrkdwn.link(recording, label))));
        }
        blocks.add(obj("type", "context", "elements", List.of(mrkdwn(Mrkdwn.fit(context(e), FIELD_MAX)))));

        Map<String, Object> message = new LinkedHashMap<>();
        message.put("text", fallback(e, headline));
        message.put("blocks", blocks.size() > BLOCKS_MAX ? blocks.subList(0, BLOCKS_MAX) : blocks);
        return message;
    }

    /** The notification text: who called, which number and flow, how long. */
    static String fallback(CallEvent e, String headline) {
        StringBuilder b = new StringBuilder(Mrkdwn.escape(headline));
        String flow = e.string("call_flow_name");
        String tracking = e.string("tracking_number");
        if (tracking != null) b.append(" to ").append(Mrkdwn.escape(Mrkdwn.displayPhone(tracking)));
        if (flow != null) b.append(" (").append(Mrkdwn.escape(flow)).append(')');
        Long seconds = e.number("duration_seconds");
        if (seconds != null) b.append(", ").append(minutesSeconds(seconds));
        String text = b.toString();
        return text.length() <= FALLBACK_MAX ? text : Mrkdwn.cut(text, FALLBACK_MAX);
    }

    private static List<Map<String, Object>> fields(CallEvent e) {
        List<Map<String, Object>> out = new ArrayList<>();
        out.add(field("Caller", Mrkdwn.phone(e.string("caller_number"))));
        String tracking = e.string("tracking_number");
        String flow = e.string("call_flow_name");
        out.add(field("Tracking number", tracking == null ? "unknown" : Mrkdwn.phone(tracking)));
        if (flow != null) out.add(field("Flow", Mrkdwn.fit(flow, FIELD_MAX - 16)));
        out.add(field("Status", Mrkdwn.fit(status(e), FIELD_MAX - 16)));
        Long seconds = e.number("duration_seconds");
        if (seconds != null) out.add(field("Duration", minutesSeconds(seconds)));
        String attribution = join(" / ", e.string("source"), e.string("utm_campaign"));
        if (attribution != null) out.add(field("Source / campaign", Mrkdwn.fit(attribution, FIELD_MAX - 32)));
        Long score = e.number("ai_score");
        if (score != null) out.add(field("AI score", score + "/100"));
        String category = e.string("ai_category");
        if (category != null) out.add(field("Category", Mrkdwn.fit(label(category), FIELD_MAX - 16)));
        Boolean qualified = e.bool("qualified_ai");
        if (qualified != null) out.add(field("Qualified", qualified ? "✅ Yes" : "❌ No"));
        String forwarded = e.string("destination_number");
        if (forwarded != null) out.add(field("Forwarded to", Mrkdwn.phone(forwarded)));
        return out.size() > FIELDS_MAX ? out.subList(0, FIELDS_MAX) : out;
    }

    private static String headline(String event) {
        if (event == null) return "📞 Call from";
        return switch (event) {
            case "call.missed" -> "📵 Missed call from";
            case "call.voicemail" -> "📼 Voicemail from";
            case "call.failed" -> "⚠️ Failed call from";
            default -> "📞 Call from";
        };
    }

    private static String status(CallEvent e) {
        String status = e.string("status");
        String event = e.string("event");
        String shown = status == null ? "unknown" : label(status);
        return event == null ? shown : shown + " (" + event + ")";
    }

    private static String context(CallEvent e) {
        StringBuilder b = new StringBuilder("Hookline");
        String callId = e.string("call_id");
        if (callId != null) b.append(" · call ").append(callId);
        Long attempt = e.number("attempt");
        if (attempt != null && attempt > 1) b.append(" · delivery attempt ").append(attempt);
        String at = e.string("created_at");
        if (at != null) b.append(" · ").append(at);
        return b.toString();
    }

    /** {@code 145} seconds read as {@code 2:25}. */
    static String minutesSeconds(long seconds) {
        long s = Math.max(0, seconds);
        return (s / 60) + ":" + String.format("%02d", s % 60);
    }

    /** {@code existing_customer} reads as {@code Existing customer}, {@code no-answer} as {@code No answer}. */
    static String label(String code) {
        String words = code.replace('_', ' ').replace('-', ' ').strip();
        return words.isEmpty() ? code : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static String join(String sep, String a, String b) {
        boolean hasA = a != null && !a.isBlank();
        boolean hasB = b != null && !b.isBlank();
        if (hasA && hasB) return a + sep + b;
        return hasA ? a : hasB ? b : null;
    }

    private static boolean isWebUrl(String url) {
        return url != null && (url.startsWith("https://") || url.startsWith("http://"));
    }

    private static Map<String, Object> field(String title, String formattedValue) {
        String text = "*" + title + "*\n" + formattedValue;
        return mrkdwn(text.length() <= FIELD_MAX ? text : Mrkdwn.cut(text, FIELD_MAX));
    }

    private static Map<String, Object> section(String formattedTitle, String raw) {
        return obj("type", "section", "text", mrkdwn(formattedTitle + Mrkdwn.fit(raw, SECTION_TEXT_MAX - formattedTitle.length())));
    }

    private static Map<String, Object> mrkdwn(String text) {
        return obj("type", "mrkdwn", "text", text);
    }

    /** A JSON object that keeps its keys in the order given. */
    private static Map<String, Object> obj(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return m;
    }

    private static Map<String, Object> plain(String text) {
        return obj("type", "plain_text", "text", text, "emoji", true);
    }
}
