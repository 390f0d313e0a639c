package dev.hookline.incall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.net.HttpClients;
import dev.hookline.net.TargetPolicy;
import dev.hookline.testing.HostileServer;
import dev.hookline.testing.HostileServer.Mode;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** In-call requests against receivers that misbehave: bounded reads, and failures worded as post-call attempts word them. */
class InCallHostileTest {
    private static HttpClient client;
    private static WebhookSender sender;

    @BeforeAll
    static void startClient() {
        client = HttpClients.start(new TargetPolicy(true), 4, "test-incall-hostile");
        sender = new WebhookSender(client);
    }

    @AfterAll
    static void stopClient() {
        HttpClients.stop(client);
    }

    @Test
    void aRefusedConnectionReadsAsInThePostCallLog() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Exchange x = send("http://127.0.0.1:" + port + "/route", 64 * 1024);
        assertThat(x.failureText()).isEqualTo("connection refused");
    }

    @Test
    void aFireAndForgetAnswerWithoutEndIsCutAndJudgedByItsStatus() throws Exception {
        try (HostileServer server = HostileServer.start(Mode.ENDLESS_BODY)) {
            Exchange x = send(server.url("/fire"), 0);
            assertThat(x.failure()).isNull();
            assertThat(x.tooLarge()).isTrue();
            assertThat(x.is2xx()).isTrue();
            assertThat(x.body()).isEmpty();
        }
    }

    @Test
    void headersWithoutEndFailTheStepWithoutAStatus() throws Exception {
        try (HostileServer server = HostileServer.start(Mode.HUGE_HEADERS)) {
            Exchange x = send(server.url("/route"), 64 * 1024);
            assertThat(x.status()).isZero();
            assertThat(x.failureText()).isEqualTo("response headers larger than 64 KiB");
        }
    }

    @Test
    void aGarbageStatusLineIsNotTakenForAnErrorStatus() throws Exception {
        try (HostileServer server = HostileServer.start(Mode.GARBAGE_STATUS)) {
            Exchange x = send(server.url("/route"), 64 * 1024);
            assertThat(x.status()).isZero();
            assertThat(x.failureText()).startsWith("invalid HTTP answer");
        }
    }

    private static Exchange send(String url, int keep) throws Exception {
        InCallRequest r = new InCallRequest("POST", url, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        return sender.send(r, 5, keep).get(10, TimeUnit.SECONDS);
    }
}
