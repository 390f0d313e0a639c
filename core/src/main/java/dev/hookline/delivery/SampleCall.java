package dev.hookline.delivery;

import dev.hookline.calls.Call;
import java.util.LinkedHashMap;
import java.util.Map;

/** The synthetic call the Test button sends when a flow has had no call yet: every field filled. */
final class SampleCall {
    private SampleCall() {}

    static Call forFlow(String businessId, String flowId, String trackingNumber, long now) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("destination_number", "+13055554567");
        d.put("direction", "inbound");
        d.put("duration_seconds", 145L);
        d.put("recording_url", "https://recordings.example.com/sample-call.mp3");
        d.put("recording_duration", 138L);
        d.put("transcription", "Hi, I need a quote for a new AC unit. This is a sample call sent by the Hookline Test button.");
        d.put("summary", "Homeowner requesting HVAC quote for new installation (sample).");
        d.put("ai_score", 85L);
        d.put("ai_category", "lead");
        d.put("qualified_ai", true);
        d.put("qualification_reason", "Strong buying intent, requesting pricing");
        d.put("source", "google");
        d.put("landing_page_url", "https://example.com/hvac");
        d.put("referrer_url", "https://www.google.com/");
        d.put("utm_source", "google");
        d.put("utm_medium", "cpc");
        d.put("utm_campaign", "hvac-tampa");
        d.put("utm_term", "ac repair near me");
        d.put("utm_content", "ad-variant-a");
        d.put("gclid", "sample-gclid-abc123");
        d.put("fbclid", "sample-fbclid-def456");
        d.put("msclkid", "sample-msclkid-ghi789");
        d.put("value_cents", 5000L);
        d.put("cost_cents", 15L);
        d.put("robo_score", 0L);
        return new Call("test-" + java.util.UUID.randomUUID(), businessId, flowId,
                trackingNumber == null ? "+15735551234" : trackingNumber, "+13055559876", "completed", d, true, null, now, now);
    }
}
