package dev.hookline.make;

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

class MakeConnectorTest {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String URL = "https://hook.eu1.make.com/abcdefghijklmnop";
    final MakeConnector make = new MakeConnector();

    @Test
    void everyFieldIsSentAndTheApiKeyGoesInItsHeader() throws Exception {
        CallEvent e = CallEvent.example().with("utm_content", null);
        OutgoingRequest plain = make.build(e, Destination.of(URL));
        JsonNode body = MAPPER.readTree(plain.bodyText());
        assertThat(body.size()).isEqualTo(38);
        assertThat(body.has("utm_content")).isTrue();
        assertThat(body.get("utm_content").isNull()).isTrue();
        assertThat(plain.headers()).doesNotContainKey("x-make-apikey");

        OutgoingRequest keyed = make.build(e, new Destination(URL, Map.of("api_key", "s3cret")));
        assertThat(keyed.headers()).containsEntry("x-make-apikey", "s3cret");
        assertThat(keyed.bodyText()).isEqualTo(plain.bodyText());
    }

    @Test
    void theTestSampleIsCompleteSoMakeLearnsTheWholeStructure() {
        Map<String, Object> sparse = new LinkedHashMap<>();
        for (String k : CallEvent.FIELDS) sparse.put(k, null);
        CallEvent sample = make.sample(new CallEvent(sparse));
        assertThat(sample.fields()).hasSize(38).doesNotContainValue(null);
        assertThat(sample.get("duration_seconds")).isInstanceOf(Long.class);
    }

    @Test
    void acceptedIsSuccessAndFailuresAreRetried() {
        assertThat(make.classify(new HttpResult(200, Map.of(), "Accepted")).kind()).isEqualTo(Verdict.Kind.SUCCESS);
        assertThat(make.classify(new HttpResult(500, Map.of(), "")).kind()).isEqualTo(Verdict.Kind.RETRY);
        Verdict limited = make.classify(new HttpResult(429, Map.of("retry-after", List.of("5")), ""));
        assertThat(limited.kind()).isEqualTo(Verdict.Kind.RETRY_AFTER);
        assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void onlyMakeHookHostsPassWithoutAWarning() {
        for (String zone : List.of("eu1", "eu2", "us1", "us2")) {
            assertThat(make.validate(Destination.of("https://hook." + zone + ".make.com/abc")).warnings()).as(zone).isEmpty();
        }
        assertThat(make.validate(Destination.of("https://hook.xx9.make.com/abc")).warnings()).hasSize(1);
        assertThat(make.validate(Destination.of("https://example.com/abc")).warnings()).singleElement().asString()
                .contains("hook.<zone>.make.com");
    }
}
