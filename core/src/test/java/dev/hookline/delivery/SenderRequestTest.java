package dev.hookline.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import dev.hookline.net.HttpClients;
import dev.hookline.net.TargetPolicy;
import dev.hookline.plugins.OutgoingRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a receiver gets: the URL's host, the connector's headers under the flow's, the signature, the body; never a cookie. */
class SenderRequestTest {
    private final List<Headers> seen = new CopyOnWriteArrayList<>();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private HttpServer receiver;
    private HttpClient client;
    private BoundedConnector connector;
    private Sender sender;

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", ex -> {
            seen.add(ex.getRequestHeaders());
            bodies.add(new String(ex.getRequestBody().readAllBytes()));
            ex.getResponseHeaders().add("Set-Cookie", "session=receiver-a; Path=/");
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        receiver.start();
        connector = new BoundedConnector(new OwnRequestConnector(answer -> {}), true);
        client = HttpClients.start(new TargetPolicy(true), 4, "test-request");
        sender = new Sender(client, Duration.ofSeconds(5), new TargetPolicy(true));
    }

    @AfterEach
    void stop() {
        HttpClients.stop(client);
        connector.close();
        receiver.stop(0);
    }

    private AttemptOutcome send(OutgoingRequest req, Map<String, String> extra) throws Exception {
        return sender.send(connector, req, "msg_1", List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), extra, 1_700_000_000_000L)
                .get(10, TimeUnit.SECONDS);
    }

    @Test
    void carriesTheHostTheHeadersAndTheSignedBody() throws Exception {
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook?tag=1";
        OutgoingRequest req = OutgoingRequest.postJson(url, "{\"a\":1}").withHeader("X-Source", "connector").withHeader("X-Kept", "yes");
        assertThat(send(req, Map.of("x-source", "flow")).statusCode()).isEqualTo(200);
        Headers h = seen.get(0);
        assertThat(h.get("Host")).containsExactly("127.0.0.1:" + receiver.getAddress().getPort());
        assertThat(h.get("X-Source")).as("the flow's header replaces the connector's, whatever its case").containsExactly("flow");
        assertThat(h.get("X-Kept")).containsExactly("yes");
        assertThat(h.getFirst("Content-Type")).startsWith("application/json");
        assertThat(h.get("Content-Length")).containsExactly("7");
        assertThat(h.get("webhook-id")).containsExactly("msg_1");
        assertThat(h.get("webhook-timestamp")).containsExactly("1700000000");
        assertThat(h.getFirst("webhook-signature")).startsWith("v1,");
        assertThat(bodies).containsExactly("{\"a\":1}");
    }

    @Test
    void aReceiversCookieNeverRidesOnALaterRequest() throws Exception {
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        send(OutgoingRequest.postJson(url, "{}"), Map.of());
        send(OutgoingRequest.postJson(url, "{}"), Map.of());
        assertThat(seen).hasSize(2);
        assertThat(seen.get(1).containsKey("Cookie")).isFalse();
    }

    @Test
    void aSendIsRepeatableWithTheSameBody() throws Exception {
        String url = "http://localhost:" + receiver.getAddress().getPort() + "/hook";
        OutgoingRequest req = OutgoingRequest.postJson(url, "{\"n\":2}");
        send(req, Map.of());
        send(req, Map.of());
        assertThat(bodies).containsExactly("{\"n\":2}", "{\"n\":2}");
        assertThat(seen.get(0).get("Host")).containsExactly("localhost:" + receiver.getAddress().getPort());
    }
}
