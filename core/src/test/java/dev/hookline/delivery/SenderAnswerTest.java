package dev.hookline.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.hookline.net.HttpClients;
import dev.hookline.net.TargetPolicy;
import dev.hookline.plugins.HttpResult;
import dev.hookline.plugins.OutgoingRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.client.HttpClient;
import org.junit.jupiter.api.Test;

/** The answer a connector is shown: status, headers by lower-case name with every value, the body (empty when none). */
class SenderAnswerTest {
    @Test
    void theConnectorSeesEveryHeaderByItsLowerCaseName() throws Exception {
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", ex -> {
            ex.getResponseHeaders().add("Retry-After", "30");
            ex.getResponseHeaders().add("X-Trace-Id", "t-1");
            ex.getResponseHeaders().add("Set-Cookie", "a=1");
            ex.getResponseHeaders().add("Set-Cookie", "b=2");
            byte[] body = "slow down".getBytes();
            ex.sendResponseHeaders(429, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        receiver.createContext("/plain", ex -> {
            ex.getResponseHeaders().add("X-Trace-Id", "t-2");
            ex.getResponseHeaders().add("X-Other", "o");
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        receiver.start();
        AtomicReference<HttpResult> seen = new AtomicReference<>();
        BoundedConnector connector = new BoundedConnector(new OwnRequestConnector(seen::set), true);
        HttpClient client = HttpClients.start(new TargetPolicy(true), 4, "test-answer");
        try {
            Sender sender = new Sender(client, Duration.ofSeconds(5), new TargetPolicy(true));
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            AttemptOutcome o = sender.send(connector, OutgoingRequest.postJson(url, "{}"), "d-1", List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
                    Map.of(), System.currentTimeMillis()).get(10, TimeUnit.SECONDS);
            assertThat(o.statusCode()).isEqualTo(429);
            HttpResult r = seen.get();
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(r.body()).isEqualTo("slow down");
            assertThat(r.headers()).containsEntry("retry-after", List.of("30")).containsEntry("x-trace-id", List.of("t-1"))
                    .containsEntry("set-cookie", List.of("a=1", "b=2"));
            assertThat(r.header("Retry-After")).isEqualTo("30");
            assertThat(r.retryAfter()).hasValue(Duration.ofSeconds(30));

            // no header twice and no body: each header one value, the body empty, not null
            AttemptOutcome plain = sender.send(connector, OutgoingRequest.postJson(url.replace("/hook", "/plain"), "{}"), "d-2",
                    List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), Map.of(), System.currentTimeMillis()).get(10, TimeUnit.SECONDS);
            assertThat(plain.statusCode()).isEqualTo(200);
            assertThat(plain.succeeded()).isTrue();
            assertThat(plain.responseBody()).isEmpty();
            HttpResult p = seen.get();
            assertThat(p.body()).isEmpty();
            assertThat(p.headers()).containsEntry("x-trace-id", List.of("t-2")).containsEntry("x-other", List.of("o"))
                    .doesNotContainKey("set-cookie");
        } finally {
            HttpClients.stop(client);
            connector.close();
            receiver.stop(0);
        }
    }
}
