package dev.hookline.calls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.testing.TestHub;
import dev.hookline.testing.TestHub.Reply;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/v1/calls} has two doors in the hub: a body with a Content-Length is taken on
 * Jetty's handler API, a chunked one goes through Javalin. Both must answer alike.
 */
class CallIntakePathsTest {
    @TempDir
    Path dir;
    TestHub hub;

    @BeforeEach
    void start() {
        hub = TestHub.start(dir);
        hub.post("/api/v1/call-flows", "{\"name\":\"Ads\",\"tracking_numbers\":[\"+15735551234\"]}");
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private Reply sized(TestHub as, String type, String body) {
        return as.send(builder(type).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Reply chunked(TestHub as, String type, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return as.send(builder(type).POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))));
    }

    private HttpRequest.Builder builder(String type) {
        return HttpRequest.newBuilder(URI.create(hub.base() + "/api/v1/calls")).header("Content-Type", type);
    }

    @Test
    void refusalsReadTheSameThroughBothDoors() {
        for (BiFunction<TestHub, String[], Reply> door : List.<BiFunction<TestHub, String[], Reply>>of(
                (as, r) -> sized(as, r[0], r[1]), (as, r) -> chunked(as, r[0], r[1]))) {
            assertThat(List.of(
                    door.apply(hub.withoutKey(), new String[] {"application/json", "{}"}),
                    door.apply(hub.as("hk_not_a_key"), new String[] {"application/json", "{}"}),
                    door.apply(hub, new String[] {"text/plain", "{}"}),
                    door.apply(hub, new String[] {"application/json", "{\"call_id\":5}"}),
                    door.apply(hub, new String[] {"application/json", "{\"call_id\":"}),
                    door.apply(hub, new String[] {"application/json", "{\"tracking_number\":\"+10000000000\",\"caller_number\":\"+1\",\"status\":\"busy\"}"}))
                    .stream().map(r -> r.status() + " " + r.headers().firstValue("content-type").orElse("") + " " + r.body()).toList())
                    .containsExactly(
                            "401 application/json {\"error\":{\"code\":\"unauthorized\",\"message\":\"missing Authorization: Bearer <api key> header\"}}",
                            "401 application/json {\"error\":{\"code\":\"unauthorized\",\"message\":\"the API key is not valid\"}}",
                            "415 application/json {\"error\":{\"code\":\"unsupported_media_type\",\"message\":\"Content-Type must be application/json (got text/plain)\"}}",
                            "400 application/json {\"error\":{\"code\":\"invalid_field\",\"message\":\"call_id must be a string\",\"field\":\"call_id\"}}",
                            "400 application/json " + sized(hub, "application/json", "{\"call_id\":").body(),
                            "404 application/json " + sized(hub, "application/json",
                                    "{\"tracking_number\":\"+10000000000\",\"caller_number\":\"+1\",\"status\":\"busy\"}").body());
        }
    }

    @Test
    void aCallReportedThroughEitherDoorIsOneCall() {
        String report = "{\"call_id\":\"both\",\"tracking_number\":\"+15735551234\",\"caller_number\":\"+1305\",\"status\":\"completed\"}";
        Reply first = chunked(hub, "application/json", report);
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().get("call_id").asText()).isEqualTo("both");
        assertThat(first.json().has("delivery_id")).isTrue();

        Reply againSized = sized(hub, "application/json", report);
        Reply againChunked = chunked(hub, "application/json", report);
        assertThat(againSized.status()).isEqualTo(200);
        assertThat(againChunked.status()).isEqualTo(200);
        assertThat(againSized.body()).isEqualTo(againChunked.body()).contains("\"call_id\":\"both\"");

        Reply other = sized(hub, "application/json", report.replace("both", "sized"));
        assertThat(other.status()).isEqualTo(201);
        assertThat(other.json().fieldNames()).toIterable().containsExactlyElementsOf(first.json()::fieldNames);
    }
}
