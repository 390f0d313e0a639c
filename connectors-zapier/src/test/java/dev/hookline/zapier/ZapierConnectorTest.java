package dev.hookline.zapier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.plugins.CallEvent;
import dev.hookline.plugins.Destination;
import dev.hookline.plugins.HttpResult;
import dev.hookline.plugins.OutgoingRequest;
import dev.hookline.plugins.Verdict;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZapierConnectorTest {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String URL = "https://hooks.zapier.com/hooks/catch/123456/abcdef/";
    final ZapierConnector zapier = new ZapierConnector();

    @Test
    void theBodyIsFlatWithEveryCallFieldAsItsOwnKey() throws Exception {
        OutgoingRequest r = zapier.build(CallEvent.example(), Destination.of(URL));
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.contentType()).isEqualTo("application/json");
        JsonNode body = MAPPER.readTree(r.bodyText());
        assertThat(body.size()).isEqualTo(38);
        body.fields().forEachRemaining(f -> assertThat(f.getValue().isValueNode()).as(f.getKey()).isTrue());
        assertThat(body.get("caller_number").asText()).isEqualTo("+13055559876");
        assertThat(body.get("duration_seconds").asLong()).isEqualTo(145);
        assertThat(body.get("qualified_ai").asBoolean()).isTrue();
    }

    @Test
    void nestedValuesAreFlattenedTheWayZapierNamesThem() throws Exception {
        Map<String, Object> fields = new LinkedHashMap<>(CallEvent.example().fields());
        fields.put("extra", Map.of("inner", 1));
        fields.put("tags", List.of("a", "b"));
        JsonNode body = MAPPER.readTree(zapier.build(new CallEvent(fields), Destination.of(URL)).bodyText());
        assertThat(body.get("extra__inner").asInt()).isEqualTo(1);
        assertThat(body.get("tags").asText()).isEqualTo("a, b");
    }

    @Test
    void theTestSampleFillsEveryNullWithATypedExample() {
        Map<String, Object> sparse = new LinkedHashMap<>();
        for (String k : CallEvent.FIELDS) sparse.put(k, null);
        sparse.put("caller_number", "+15550001111");
        sparse.put("custom_field", null);
        CallEvent sample = zapier.sample(new CallEvent(sparse));
        assertThat(sample.fields()).doesNotContainValue(null);
        assertThat(sample.string("caller_number")).isEqualTo("+15550001111");
        assertThat(sample.get("ai_score")).isInstanceOf(Long.class);
        assertThat(sample.get("qualified_ai")).isInstanceOf(Boolean.class);
        assertThat(sample.get("recording_url")).isInstanceOf(String.class);
    }

    @Test
    void zapierAnswersAreClassified() {
        assertThat(zapier.classify(new HttpResult(200, Map.of(),
                "{\"id\":\"1\",\"request_id\":\"2\",\"attempt\":\"3\",\"status\":\"success\"}")).kind())
                .isEqualTo(Verdict.Kind.SUCCESS);
        Verdict later = zapier.classify(new HttpResult(429, Map.of("retry-after", List.of("12")), "Too Many Requests"));
        assertThat(later.kind()).isEqualTo(Verdict.Kind.RETRY_AFTER);
        assertThat(later.retryAfter()).isEqualTo(Duration.ofSeconds(12));
        Verdict limited = zapier.classify(new HttpResult(429, Map.of(), ""));
        assertThat(limited.kind()).isEqualTo(Verdict.Kind.RETRY);
        assertThat(limited.reason()).contains("429").contains("rate limited");
        assertThat(zapier.classify(new HttpResult(503, Map.of(), "")).kind()).isEqualTo(Verdict.Kind.RETRY);
    }

    @Test
    void noRedirectIsFollowedAndOnlyCatchHooksPassWithoutAWarning() {
        assertThat(zapier.onRedirect(301, "https://hooks.zapier.com/other").follow()).isFalse();
        assertThat(zapier.validate(Destination.of(URL)).warnings()).isEmpty();
        assertThat(zapier.validate(Destination.of("https://hooks.zapier.com/other/1/")).warnings()).hasSize(1);
        assertThat(zapier.validate(Destination.of("https://example.com/hook")).errors()).isEmpty();
    }
}
