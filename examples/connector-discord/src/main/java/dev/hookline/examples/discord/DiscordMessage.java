package dev.hookline.examples.discord;

import dev.hookline.plugins.CallEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Discord webhook message about one call: {@code content} plus one embed, inside Discord's
 * limits (content 2000 characters, title 256, description 4096, 25 fields of name 256 and
 * value 1024, 6000 in all), with markdown in call data escaped and every mention switched off.
 */
final class DiscordMessage {
    static final int CONTENT_MAX = 2000;
    static final int TITLE_MAX = 256;
    static final int DESCRIPTION_MAX = 4096;
    static final int FIELD_VALUE_MAX = 1024;

    private DiscordMessage() {}

    static Map<String, Object> of(CallEvent e) {
        String caller = phone(e.string("caller_number"));
        String flow = e.string("call_flow_name");
        Long seconds = e.number("duration_seconds");
        String headline = verb(e.string("event")) + " " + caller;

        Map<String, Object> embed = new LinkedHashMap<>();
        embed.put("title", cut(headline, TITLE_MAX));
        String summary = e.string("summary");
        if (summary != null && !summary.isBlank()) embed.put("description", cut(escape(summary), DESCRIPTION_MAX));
        String recording = e.string("recording_url");
        if (recording != null && recording.startsWith("https://")) embed.put("url", recording);
        embed.put("color", color(e.string("event")));
        List<Map<String, Object>> fields = new ArrayList<>();
        field(fields, "Tracking number", phone(e.string("tracking_number")));
        field(fields, "Flow", flow == null ? null : escape(flow));
        field(fields, "Status", e.string("status"));
        field(fields, "Duration", seconds == null ? null : seconds / 60 + ":" + String.format("%02d", seconds % 60));
        field(fields, "Source", escape(e.string("source")));
        field(fields, "Campaign", escape(e.string("utm_campaign")));
        Long score = e.number("ai_score");
        field(fields, "AI score", score == null ? null : score + "/100");
        field(fields, "Category", e.string("ai_category"));
        Boolean qualified = e.bool("qualified_ai");
        field(fields, "Qualified", qualified == null ? null : qualified ? "yes" : "no");
        embed.put("fields", fields);
        embed.put("footer", Map.of("text", cut("Hookline · call " + e.string("call_id"), 2048)));
        String at = e.string("created_at");
        if (at != null) embed.put("timestamp", at);

        Map<String, Object> message = new LinkedHashMap<>();
        message.put("username", "Hookline");
        message.put("content", cut(headline + (flow == null ? "" : " · " + escape(flow)), CONTENT_MAX));
        message.put("embeds", List.of(embed));
        message.put("allowed_mentions", Map.of("parse", List.of()));
        return message;
    }

    private static void field(List<Map<String, Object>> fields, String name, String value) {
        if (value == null || value.isBlank()) return;
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name", name);
        f.put("value", cut(value, FIELD_VALUE_MAX));
        f.put("inline", true);
        fields.add(f);
    }

    private static String verb(String event) {
        if ("call.missed".equals(event)) return "Missed call from";
        if ("call.voicemail".equals(event)) return "Voicemail from";
        if ("call.failed".equals(event)) return "Failed call from";
        return "Call from";
    }

    private static int color(String event) {
        if ("call.missed".equals(event)) return 0xE67E22;
        if ("call.failed".equals(event)) return 0xE74C3C;
        if ("call.voicemail".equals(event)) return 0x9B59B6;
        return 0x2ECC71;
    }

    /** {@code +15551234567} reads as {@code +1 555-123-4567}. */
    static String phone(String n) {
        if (n == null) return "unknown";
        return n.matches("\\+1[0-9]{10}") ? "+1 " + n.substring(2, 5) + "-" + n.substring(5, 8) + "-" + n.substring(8) : escape(n);
    }

    /** Discord markdown characters in call data shown as themselves. */
    static String escape(String s) {
        return s == null ? null : s.replaceAll("([\\\\*_~`|>\\[\\]])", "\\\\$1");
    }

    static String cut(String s, int max) {
        if (s.length() <= max) return s;
        int end = max - 1;
        if (Character.isHighSurrogate(s.charAt(end - 1))) end--;
        return s.substring(0, end) + "…";
    }
}
