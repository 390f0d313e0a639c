package dev.hookline.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.plugins.CallEvent;
import dev.hookline.plugins.Connector;
import dev.hookline.plugins.Destination;
import dev.hookline.plugins.HttpResult;
import dev.hookline.plugins.OutgoingRequest;
import dev.hookline.plugins.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlackConnectorTest {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String URL = "https://hooks.slack.com/services/T000/B000/XXXX";
    final SlackConnector slack = new SlackConnector();

    JsonNode build(CallEvent e) throws Exception {
        OutgoingRequest r = slack.build(e, Destination.of(URL));
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.url()).isEqualTo(URL);
        assertThat(r.contentType()).isEqualTo("application/json");
        return MAPPER.readTree(r.bodyText());
    }

    @Test
    void aCallBecomesABlockKitMessageWithATextFallback() throws Exception {
        JsonNode m = build(CallEvent.example());
        assertThat(m.get("text").asText()).isEqualTo("📞 Call from +1 305-555-9876 to +1 573-555-1234 (Google Ads), 2:25");
        JsonNode blocks = m.get("blocks");
        assertThat(blocks.get(0).get("type").asText()).isEqualTo("header");
        assertThat(blocks.get(0).at("/text/text").asText()).isEqualTo("📞 Call from +1 305-555-9876");
        String fields = blocks.get(1).get("fields").toString();
        assertThat(fields)
                .contains("<tel:+13055559876|+1 305-555-9876>")
                .contains("<tel:+15735551234|+1 573-555-1234>")
                .contains("*Flow*\\nGoogle Ads")
                .contains("Completed (call.completed)")
                .contains("*Duration*\\n2:25")
                .contains("google / hvac-tampa")
                .contains("85/100")
                .contains("*Category*\\nLead")
                .contains("✅ Yes");
        assertThat(blocks.toString())
                .contains("*Summary*\\nHomeowner requesting HVAC quote for new installation.")
                .contains("<https://example.com/recordings/abc123.mp3|▶ Listen to the recording (2:18)>");
        assertThat(blocks.get(blocks.size() - 1).get("type").asText()).isEqualTo("context");
    }

    @Test
    void aMissedCallWithoutAiDataStillReadsWell() throws Exception {
        CallEvent missed = CallEvent.example().with("event", "call.missed").with("status", "no-answer")
                .with("summary", null).with("ai_score", null).with("ai_category", null).with("qualified_ai", null)
                .with("qualification_reason", null).with("recording_url", null).with("duration_seconds", 0L);
        JsonNode m = build(missed);
        assertThat(m.at("/blocks/0/text/text").asText()).isEqualTo("📵 Missed call from +1 305-555-9876");
        assertThat(m.get("blocks").toString()).contains("No answer (call.missed)").doesNotContain("AI score").doesNotContain("Summary");
        assertThat(m.get("text").asText()).endsWith(", 0:00");
    }

    @Test
    void userTextIsMrkdwnEscapedAndNothingElse() throws Exception {
        CallEvent e = CallEvent.example().with("call_flow_name", "Sales & <Support> *VIP*")
                .with("summary", "Asked for <@U123> & \"pricing\"");
        JsonNode m = build(e);
        assertThat(m.get("text").asText()).contains("(Sales &amp; &lt;Support&gt; *VIP*)");
        assertThat(m.get("blocks").toString())
                .contains("Sales &amp; &lt;Support&gt; *VIP*")
                .contains("Asked for &lt;@U123&gt; &amp; \\\"pricing\\\"");
    }

    @Test
    void everyTextStaysInsideSlackLimits() throws Exception {
        String huge = "x&".repeat(5000);
        CallEvent e = CallEvent.example().with("caller_number", "caller " + "9".repeat(400)).with("call_flow_name", huge)
                .with("summary", huge).with("qualification_reason", huge).with("source", huge).with("utm_campaign", huge);
        JsonNode m = build(e);
        JsonNode blocks = m.get("blocks");
        assertThat(blocks.size()).isLessThanOrEqualTo(50);
        assertThat(blocks.get(0).at("/text/text").asText()).hasSizeLessThanOrEqualTo(150).endsWith("…");
        assertThat(blocks.get(1).get("fields").size()).isLessThanOrEqualTo(10);
        for (JsonNode f : blocks.get(1).get("fields")) assertThat(f.get("text").asText()).hasSizeLessThanOrEqualTo(2000);
        for (JsonNode b : blocks) {
            if (b.has("text") && b.get("type").asText().equals("section")) {
                String text = b.at("/text/text").asText();
                assertThat(text).hasSizeLessThanOrEqualTo(3000);
                if (text.startsWith("*Summary*")) assertThat(text).endsWith("…").doesNotContain("&am…");
            }
        }
    }

    @Test
    void fitNeverCutsAnEscapeOrAnEmojiInHalf() {
        assertThat(Mrkdwn.fit("a&b", 5)).isEqualTo("a…");
        assertThat(Mrkdwn.fit("a&b", 7)).isEqualTo("a&amp;b");
        assertThat(Mrkdwn.fit("😀😀😀", 4)).isEqualTo("😀…");
        assertThat(Mrkdwn.cut("😀😀😀", 4)).isEqualTo("😀…");
        assertThat(Mrkdwn.phone("+15551234567")).isEqualTo("<tel:+15551234567|+1 555-123-4567>");
        assertThat(Mrkdwn.phone("anonymous <x>")).isEqualTo("anonymous &lt;x&gt;");
        assertThat(SlackMessage.minutesSeconds(3725)).isEqualTo("62:05");
    }

    @Test
    void slackAnswersAreReadAsSlackMeansThem() {
        assertThat(slack.classify(result(200, "ok")).kind()).isEqualTo(Verdict.Kind.SUCCESS);

        Verdict limited = slack.classify(new HttpResult(429, Map.of("retry-after", List.of("7")), "rate_limited"));
        assertThat(limited.kind()).isEqualTo(Verdict.Kind.RETRY_AFTER);
        assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(limited.reason()).startsWith("HTTP 429 rate_limited").contains("7s");

        Verdict noHeader = slack.classify(new HttpResult(429, Map.of("retry-after", List.of("soon")), ""));
        assertThat(noHeader.retryAfter()).isEqualTo(Duration.ofSeconds(30));

        Verdict archived = slack.classify(result(410, "channel_is_archived"));
        assertThat(archived.kind()).isEqualTo(Verdict.Kind.PERMANENT);
        assertThat(archived.reason()).startsWith("HTTP 410 channel_is_archived");
        for (int status : new int[] {400, 403, 404}) {
            assertThat(slack.classify(result(status, "no_service")).kind()).as("HTTP %d", status).isEqualTo(Verdict.Kind.PERMANENT);
        }
        Verdict rollup = slack.classify(result(500, "rollup_error"));
        assertThat(rollup.kind()).isEqualTo(Verdict.Kind.RETRY);
        assertThat(rollup.reason()).isEqualTo("HTTP 500 rollup_error");
    }

    @Test
    void onlySlackWebhookUrlsPassWithoutAWarning() {
        assertThat(slack.validate(Destination.of(URL)).warnings()).isEmpty();
        assertThat(slack.validate(Destination.of("https://example.com/hook")).warnings()).singleElement()
                .asString().contains("hooks.slack.com/services");
        assertThat(slack.validate(Destination.of("http://hooks.slack.com/services/T/B/X")).warnings()).hasSize(1);
        assertThat(slack.validate(Destination.of(URL)).errors()).isEmpty();
    }

    @Test
    void redirectsAreNotFollowedAndTheApiVersionIsCompiledIn() {
        assertThat(slack.onRedirect(302, "https://example.com/").follow()).isFalse();
        assertThat(slack.apiVersion()).isEqualTo(Connector.API_VERSION);
        assertThat(slack.id()).isEqualTo("slack");
    }

    static HttpResult result(int status, String body) {
        return new HttpResult(status, Map.of(), body);
    }
}
