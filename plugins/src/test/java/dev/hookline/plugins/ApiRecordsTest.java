package dev.hookline.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiRecordsTest {

    @Test
    void theExampleEventHasEveryFieldFilledInOrder() {
        CallEvent e = CallEvent.example();
        assertThat(e.fields().keySet()).containsExactlyElementsOf(CallEvent.FIELDS);
        assertThat(e.fields()).doesNotContainValue(null);
        assertThat(CallEvent.FIELDS).hasSize(38).doesNotHaveDuplicates();
    }

    @Test
    void withNullsFromFillsOnlyTheGaps() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("caller_number", "+1555");
        m.put("ai_score", null);
        CallEvent filled = new CallEvent(m).withNullsFrom(CallEvent.example());
        assertThat(filled.string("caller_number")).isEqualTo("+1555");
        assertThat(filled.number("ai_score")).isEqualTo(85L);
        assertThat(filled.fields()).hasSize(38);
        assertThat(filled.fields().keySet().iterator().next()).isEqualTo("caller_number");
    }

    @Test
    void retryAfterReadsSecondsAndDatesAndIgnoresGarbage() {
        assertThat(result("120").retryAfter()).contains(Duration.ofSeconds(120));
        assertThat(result(" 0 ").retryAfter()).contains(Duration.ZERO);
        assertThat(result("soon").retryAfter()).isEmpty();
        assertThat(result("-5").retryAfter()).isEmpty();
        assertThat(new HttpResult(429, Map.of(), "").retryAfter()).isEmpty();
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60));
        assertThat(result(inAMinute).retryAfter().orElseThrow()).isBetween(Duration.ofSeconds(50), Duration.ofSeconds(60));
        assertThat(result("Wed, 21 Oct 2015 07:28:00 GMT").retryAfter()).contains(Duration.ZERO);
    }

    @Test
    void headersAreFoundWhateverTheirCase() {
        HttpResult r = new HttpResult(200, Map.of("content-type", List.of("text/plain")), null);
        assertThat(r.header("Content-Type")).isEqualTo("text/plain");
        assertThat(r.body()).isEmpty();
        assertThat(new HttpResult(400, Map.of(), "  " + "x".repeat(50) + "\n").bodySnippet(10)).isEqualTo("xxxxxxxxxx…");
    }

    @Test
    void requestsAndDestinationsAreImmutableAndHelpful() {
        OutgoingRequest r = OutgoingRequest.postJson("https://example.com", "{\"a\":1}").withHeader("x-key", "k");
        assertThat(r.headers()).containsEntry("x-key", "k");
        assertThat(r.bodyText()).isEqualTo("{\"a\":1}");
        r.body()[0] = 'X';
        assertThat(r.bodyText()).startsWith("{");
        Destination d = new Destination("https://example.com", Map.of("api_key", " "));
        assertThat(d.setting("api_key", "fallback")).isEqualTo("fallback");
        assertThat(d.setting("missing")).isNull();
        assertThat(Json.write(Map.of("s", "a\"b\n\u2028"))).isEqualTo("{\"s\":\"a\\\"b\\n\\u2028\"}");
    }

    @Test
    void theJsonWriterKeepsNothingFromOneWriteToTheNextAndCanBeCalledFromAValue() {
        String big = "x".repeat(5_000) + "\t" + "y";
        assertThat(Json.write(java.util.List.of(big, "plain", "tab\there"))).isEqualTo("[\"" + "x".repeat(5_000) + "\\ty\",\"plain\",\"tab\\there\"]");
        assertThat(Json.write(Map.of("k", 1L))).isEqualTo("{\"k\":1}");
        // a value whose text is itself written as JSON, while the outer write is half done
        Object inner = new Object() {
            @Override
            public String toString() {
                return Json.write(Map.of("inner", "v"));
            }
        };
        java.util.Map<String, Object> outer = new java.util.LinkedHashMap<>();
        outer.put("before", "b");
        outer.put("nested", inner);
        outer.put("after", "a");
        assertThat(Json.write(outer)).isEqualTo("{\"before\":\"b\",\"nested\":\"{\\\"inner\\\":\\\"v\\\"}\",\"after\":\"a\"}");
        assertThat(Json.write("\u0001")).isEqualTo("\"\\u0001\"");
    }

    private static HttpResult result(String retryAfter) {
        return new HttpResult(429, Map.of("retry-after", List.of(retryAfter)), "");
    }
}
