package dev.hookline.bench;

/** The bodies the benchmarks send: a call report as the telephony side would, and the 38-field payload for the baseline. */
final class Payloads {
    private Payloads() {}

    static String callReport(String callId, String trackingNumber) {
        return "{\"call_id\":\"" + callId + "\",\"tracking_number\":\"" + trackingNumber + "\",\"caller_number\":\"+13055559876\","
                + "\"destination_number\":\"+13055554567\",\"direction\":\"inbound\",\"status\":\"completed\",\"duration_seconds\":145,"
                + "\"recording_url\":\"https://recordings.example.com/api/v1/audio/abc123.mp3\",\"recording_duration\":138,"
                + "\"source\":\"google\",\"landing_page_url\":\"https://yoursite.example.com/hvac\",\"referrer_url\":\"https://google.com\","
                + "\"utm_source\":\"google\",\"utm_medium\":\"cpc\",\"utm_campaign\":\"hvac-tampa\",\"utm_term\":\"ac repair near me\","
                + "\"gclid\":\"abc123def456\",\"value_cents\":5000,\"cost_cents\":15,\"robo_score\":0}";
    }

    /** The seed's example payload: what the hub sends for such a call, about 1.2 KB. */
    static String webhookPayload(String callId) {
        return "{\"event\":\"call.completed\",\"call_id\":\"" + callId + "\",\"business_id\":\"0b6f3c38-8f3e-4d1e-9a51-5a1c2b3d4e5f\","
                + "\"call_flow_id\":\"7d9e2a10-1c2b-4d3e-8f90-a1b2c3d4e5f6\",\"call_flow_name\":\"Google Ads\",\"tracking_number\":\"+15735551234\","
                + "\"caller_number\":\"+13055559876\",\"destination_number\":\"+13055554567\",\"direction\":\"inbound\",\"status\":\"completed\","
                + "\"duration_seconds\":145,\"recording_url\":\"https://recordings.example.com/api/v1/audio/abc123.mp3\",\"recording_duration\":138,"
                + "\"transcription\":\"Hi, I need a quote for a new AC unit...\",\"summary\":\"Homeowner requesting HVAC quote for new installation.\","
                + "\"ai_score\":85,\"ai_category\":\"lead\",\"qualified_ai\":true,\"qualification_reason\":\"Strong buying intent, requesting pricing\","
                + "\"source\":\"google\",\"landing_page_url\":\"https://yoursite.example.com/hvac\",\"referrer_url\":\"https://google.com\","
                + "\"utm_source\":\"google\",\"utm_medium\":\"cpc\",\"utm_campaign\":\"hvac-tampa\",\"utm_term\":\"ac repair near me\","
                + "\"utm_content\":null,\"gclid\":\"abc123def456\",\"fbclid\":null,\"msclkid\":null,\"value_cents\":5000,\"cost_cents\":15,"
                + "\"robo_score\":0,\"ai_processed\":true,\"created_at\":\"2026-03-30T14:30:00Z\",\"webhook_sent_at\":\"2026-03-30T14:31:15Z\","
                + "\"delivery_id\":\"5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9\",\"attempt\":1}";
    }

    static String flow(String name, String trackingNumber, String url) {
        return "{\"name\":\"" + name + "\",\"tracking_numbers\":[\"" + trackingNumber + "\"],"
                + "\"post_call_webhook\":{\"enabled\":true,\"url\":\"" + url + "\",\"firing_mode\":\"immediate\"}}";
    }
}
