package dev.hookline.examples.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.plugins.CallEvent;
import dev.hookline.plugins.Destination;
import dev.hookline.plugins.HttpResult;
import dev.hookline.plugins.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiscordConnectorTest {
    final DiscordConnector discord = new DiscordConnector();

    @Test
    void aCallBecomesContentAndAnEmbedWithMentionsOff() throws Exception {
        CallEvent e = CallEvent.example().with("call_flow_name", "Ads @everyone *bold*");
        JsonNode m = new ObjectMapper().readTree(discord.build(e, Destination.of("https://discord.com/api/webhooks/1/abc")).bodyText());
        assertThat(m.get("content").asText()).isEqualTo("Call from +1 305-555-9876 · Ads @everyone \\*bold\\*");
        assertThat(m.at("/allowed_mentions/parse")).isEmpty();
        JsonNode embed = m.at("/embeds/0");
        assertThat(embed.get("title").asText()).isEqualTo("Call from +1 305-555-9876");
        assertThat(embed.get("fields").toString()).contains("\"Duration\"", "2:25", "85/100");
        assertThat(embed.get("timestamp").asText()).isEqualTo("2026-03-30T14:30:00Z");
    }

    @Test
    void discordAnswersAreClassified() {
        assertThat(discord.classify(new HttpResult(204, Map.of(), "")).kind()).isEqualTo(Verdict.Kind.SUCCESS);
        Verdict limited = discord.classify(new HttpResult(429, Map.of("retry-after", List.of("2")), "{\"retry_after\": 1.5}"));
        assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(2));
        assertThat(discord.classify(new HttpResult(404, Map.of(), "{\"message\": \"Unknown Webhook\", \"code\": 10015}")).kind())
                .isEqualTo(Verdict.Kind.PERMANENT);
        assertThat(discord.classify(new HttpResult(502, Map.of(), "")).kind()).isEqualTo(Verdict.Kind.RETRY);
    }
}
