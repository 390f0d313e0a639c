package dev.hookline.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.testing.TestHub;
import dev.hookline.testing.TestHub.Reply;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiErrorsTest {
    @TempDir Path dir;
    TestHub hub;

    @BeforeEach
    void start() {
        hub = TestHub.start(dir);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void healthNeedsNoKey() {
        Reply r = hub.withoutKey().get("/health");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("ok");
    }

    @Test
    void aMissingOrWrongKeyIs401Json() {
        Reply none = hub.withoutKey().get("/api/v1/call-flows");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.error("code")).isEqualTo("unauthorized");
        Reply wrong = hub.as("hk_this_is_not_a_valid_key_at_all").get("/api/v1/call-flows");
        assertThat(wrong.status()).isEqualTo(401);
        Reply almost = hub.as(TestHub.KEY.substring(0, TestHub.KEY.length() - 1) + "X").get("/api/v1/call-flows");
        assertThat(almost.status()).isEqualTo(401);
        Reply basic = hub.withoutKey().send(HttpRequest.newBuilder(URI.create(hub.base() + "/api/v1/calls/x"))
                .header("Authorization", "Basic " + TestHub.KEY));
        assertThat(basic.status()).isEqualTo(401);
    }

    @Test
    void unknownRoutesWrongMethodsAndMediaTypesAreJsonErrors() {
        Reply missing = hub.get("/api/v1/nothing-here");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.error("code")).isEqualTo("not_found");
        Reply method = hub.send(HttpRequest.newBuilder(URI.create(hub.base() + "/api/v1/call-flows"))
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json"));
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.error("code")).isEqualTo("method_not_allowed");
        Reply media = hub.send(HttpRequest.newBuilder(URI.create(hub.base() + "/api/v1/call-flows"))
                .POST(HttpRequest.BodyPublishers.ofString("name=x")).header("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(media.status()).isEqualTo(415);
        assertThat(media.error("message")).contains("application/json");
    }

    @Test
    void malformedJsonAndWrongShapesAre400WithoutStackTraces() {
        Reply bad = hub.post("/api/v1/call-flows", "{\"name\": ");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error("code")).isEqualTo("malformed_json");
        assertThat(bad.body()).doesNotContain("at com.").doesNotContain("Exception");
        assertThat(hub.post("/api/v1/call-flows", "[1,2]").status()).isEqualTo(400);
        assertThat(hub.post("/api/v1/call-flows", "").status()).isEqualTo(400);
        assertThat(hub.post("/api/v1/calls", "\"just a string\"").status()).isEqualTo(400);
        Reply arr = hub.post("/api/v1/call-flows", "{\"name\":\"x\",\"steps\":{\"type\":\"say\"}}");
        assertThat(arr.error("field")).isEqualTo("steps");
        assertThat(hub.post("/api/v1/calls", " \r\n\t ").error("message")).contains("empty");
        Reply where = hub.post("/api/v1/calls", "{\n  \"call_id\": oops}");
        assertThat(where.error("message")).contains("line 2");
        // bodies are parsed from their bytes: invalid UTF-8 is a malformed body, not a server error
        Reply latin1 = hub.send(HttpRequest.newBuilder(URI.create(hub.base() + "/api/v1/calls"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xE9, '"', '}'}))
                .header("Content-Type", "application/json"));
        assertThat(latin1.status()).isEqualTo(400);
        assertThat(latin1.error("code")).isEqualTo("malformed_json");
    }

    @Test
    void anOversizeBodyIs413() {
        Reply r = hub.post("/api/v1/calls", "{\"summary\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}");
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.error("code")).isEqualTo("payload_too_large");
    }

    @Test
    void aBodyShorterThanItsContentLengthIs400NotA500() throws Exception {
        URI base = URI.create(hub.base());
        try (java.net.Socket s = new java.net.Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(10_000);
            String body = "{\"call_id\":\"short\"";
            String head = "POST /api/v1/calls HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAuthorization: Bearer " + TestHub.KEY
                    + "\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n";
            s.getOutputStream().write((head + body).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            s.shutdownOutput();
            String answer = new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 400");
            assertThat(answer).contains("\"code\":\"bad_request\"").contains("request body");
        }
    }
}
