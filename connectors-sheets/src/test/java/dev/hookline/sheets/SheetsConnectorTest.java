package dev.hookline.sheets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.plugins.CallEvent;
import dev.hookline.plugins.Destination;
import dev.hookline.plugins.HttpResult;
import dev.hookline.plugins.Verdict;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SheetsConnectorTest {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String URL = "https://script.google.com/macros/s/AKfycbx123/exec";
    final SheetsConnector sheets = new SheetsConnector();

    @Test
    void theBodyIsTheFlatRowTheScriptExpects() throws Exception {
        JsonNode body = MAPPER.readTree(sheets.build(CallEvent.example(), Destination.of(URL)).bodyText());
        assertThat(body.size()).isEqualTo(38);
        assertThat(body.get("delivery_id").asText()).isNotBlank();
        body.fields().forEachRemaining(f -> assertThat(f.getValue().isValueNode()).isTrue());
    }

    @Test
    void googlesEchoRedirectIsFetchedWithGetAndNothingElse() {
        String echo = "https://script.googleusercontent.com/macros/echo?user_content_key=abc&lib=xyz";
        assertThat(sheets.onRedirect(302, echo).follow()).isTrue();
        assertThat(sheets.onRedirect(303, echo).follow()).isTrue();
        assertThat(sheets.onRedirect(301, echo).follow()).isTrue();
        // 307/308 would ask for the POST to be repeated: never
        assertThat(sheets.onRedirect(307, echo).follow()).isFalse();
        assertThat(sheets.onRedirect(308, echo).follow()).isFalse();
        assertThat(sheets.onRedirect(302, "http://script.googleusercontent.com/macros/echo").follow()).isFalse();
        assertThat(sheets.onRedirect(302, "https://accounts.google.com/ServiceLogin").follow()).isFalse();
        assertThat(sheets.onRedirect(302, "https://script.googleusercontent.com.evil.example/x").follow()).isFalse();
        assertThat(sheets.onRedirect(302, null).follow()).isFalse();
        assertThat(sheets.onRedirect(302, "/relative").follow()).isFalse();
    }

    @Test
    void loopbackIsFollowedForLocalSetUpsOnly() {
        assertThat(sheets.onRedirect(302, "http://127.0.0.1:4567/macros/echo?user_content_key=k").follow()).isTrue();
        assertThat(sheets.onRedirect(302, "http://localhost:4567/echo").follow()).isTrue();
        assertThat(sheets.onRedirect(302, "http://[::1]:4567/echo").follow()).isTrue();
        assertThat(sheets.onRedirect(302, "http://10.0.0.5/echo").follow()).isFalse();
        assertThat(sheets.onRedirect(302, "http://localhost.example.com/echo").follow()).isFalse();
    }

    @Test
    void theScriptsAnswersAreClassified() {
        assertThat(sheets.classify(new HttpResult(200, Map.of(), "{\"ok\":true,\"row\":2}")).kind()).isEqualTo(Verdict.Kind.SUCCESS);
        assertThat(sheets.classify(new HttpResult(200, Map.of(), "{\"ok\":true,\"duplicate\":true}")).kind()).isEqualTo(Verdict.Kind.SUCCESS);
        Verdict failed = sheets.classify(new HttpResult(200, Map.of(), "{\"ok\": false, \"error\": \"Lock timeout\"}"));
        assertThat(failed.kind()).isEqualTo(Verdict.Kind.RETRY);
        assertThat(failed.reason()).contains("Lock timeout");
        Verdict html = sheets.classify(new HttpResult(200, Map.of(), "<!DOCTYPE html><html><body>TypeError</body></html>"));
        assertThat(html.kind()).isEqualTo(Verdict.Kind.RETRY);
        assertThat(sheets.classify(new HttpResult(500, Map.of(), "")).kind()).isEqualTo(Verdict.Kind.RETRY);
    }

    @Test
    void onlyExecDeploymentUrlsPassWithoutAWarning() {
        assertThat(sheets.validate(Destination.of(URL)).warnings()).isEmpty();
        assertThat(sheets.validate(Destination.of("https://script.google.com/macros/s/AKfycbx123/dev")).warnings())
                .singleElement().asString().contains("/exec");
        assertThat(sheets.validate(Destination.of("https://example.com/hook")).warnings()).hasSize(1);
    }
}
