package dev.hookline.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.auth.ApiKeys;
import dev.hookline.metrics.Metrics;
import dev.hookline.store.Codec;
import dev.hookline.store.Store;
import dev.hookline.store.StoreUnavailableException;
import dev.hookline.store.sqlite.SqliteStore;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The route on Jetty's handler API: what it takes, what it passes on, and how it answers, on a real server and key store. */
class DirectRouteTest {
    private static final String KEY = "hk_direct_route_key_0123456789";
    private static final String PATH = "/api/v1/calls";
    private static final int THREADS = 8;

    @TempDir
    Path dir;
    private Store store;
    private Metrics metrics;
    private Server server;
    private String businessId;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> actionSaw = new CopyOnWriteArrayList<>();
    private final List<String> passedOn = new CopyOnWriteArrayList<>();
    private final AtomicReference<RuntimeException> actionThrows = new AtomicReference<>();
    /** When set, the action answers later: its futures are kept here for the test to complete. */
    private final AtomicReference<List<CompletableFuture<DirectRoute.Answer>>> held = new AtomicReference<>();

    @BeforeEach
    void start() throws Exception {
        store = SqliteStore.open(dir, false, new Codec(new ObjectMapper()));
        ApiKeys keys = new ApiKeys(store.keys(), Clock.systemUTC());
        businessId = keys.bootstrap(Optional.of(KEY));
        metrics = Metrics.create();
        DirectRoute route = new DirectRoute("POST", PATH, new Auth(keys), new Bodies(new ObjectMapper(), 1024 * 1024), metrics.http(),
                (business, body) -> {
                    actionSaw.add(business + " " + new String(body, StandardCharsets.UTF_8));
                    if (actionThrows.get() != null) throw actionThrows.get();
                    List<CompletableFuture<DirectRoute.Answer>> later = held.get();
                    if (later == null) return CompletableFuture.completedFuture(new DirectRoute.Answer(201, "{\"ok\":true}".getBytes(StandardCharsets.UTF_8)));
                    CompletableFuture<DirectRoute.Answer> answer = new CompletableFuture<>();
                    later.add(answer);
                    return answer;
                });
        route.setHandler(new Handler.Abstract() { // stands where Javalin's servlet context goes
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String body = Content.Source.asString(request); // as Javalin does: a body left unread closes the connection
                passedOn.add(request.getMethod() + " " + request.getHttpURI().getPath() + " " + body.length());
                response.setStatus(299);
                response.write(true, null, callback);
                return true;
            }
        });
        server = new Server(new QueuedThreadPool(THREADS, 2));
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(route);
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
        store.close();
        metrics.close();
    }

    private HttpRequest.Builder post(String path, String key, String type) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + path));
        if (key != null) b.header("Authorization", "Bearer " + key);
        if (type != null) b.header("Content-Type", type);
        return b;
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void takesItsRouteWithTheCallersBusinessAndTheBody() throws Exception {
        HttpResponse<String> r = send(post(PATH, KEY, "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"call_id\":\"c1\"}")));
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(r.headers().firstValue("content-length")).hasValue("11");
        assertThat(r.body()).isEqualTo("{\"ok\":true}");
        assertThat(actionSaw).containsExactly(businessId + " {\"call_id\":\"c1\"}");
        assertThat(passedOn).isEmpty();
        assertThat(metrics.scrape()).contains("hookline_http_server_requests_seconds_count{method=\"POST\",route=\"/api/v1/calls\",status=\"201\"} 1");
    }

    @Test
    void passesOnWhatIsNotItsRouteOrNotOneReadOfBody() throws Exception {
        send(post(PATH, KEY, null).GET());
        send(post(PATH + "/c1", KEY, "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
        send(post(PATH, KEY, "application/json").POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream("{}".getBytes()))));
        send(post(PATH, KEY, "application/json").POST(HttpRequest.BodyPublishers.ofString("x".repeat(64 * 1024 + 1))));
        assertThat(passedOn).containsExactly("GET " + PATH + " 0", "POST " + PATH + "/c1 2", "POST " + PATH + " 2", // the third chunked
                "POST " + PATH + " " + (64 * 1024 + 1)); // too large for one read
        assertThat(actionSaw).isEmpty();
    }

    @Test
    void checksTheKeyThenTheContentTypeBeforeTheAction() throws Exception {
        HttpResponse<String> none = send(post(PATH, null, "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.body()).isEqualTo("{\"error\":{\"code\":\"unauthorized\",\"message\":\"missing Authorization: Bearer <api key> header\"}}");
        HttpResponse<String> wrong = send(post(PATH, "hk_wrong", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(wrong.statusCode()).as("the key comes first").isEqualTo(401);
        HttpResponse<String> text = send(post(PATH, KEY, "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(text.body()).contains("\"code\":\"unsupported_media_type\"").contains("(got text/plain)");
        assertThat(actionSaw).isEmpty();
        assertThat(passedOn).isEmpty();
    }

    @Test
    void aRefusedBodyIsReadToItsEndSoTheAnswerArrivesAndTheConnectionStays() throws Exception {
        String large = "{\"pad\":\"" + "x".repeat(60 * 1024) + "\"}";
        for (int i = 0; i < 5; i++) {
            assertThat(send(post(PATH, "hk_wrong", "application/json").POST(HttpRequest.BodyPublishers.ofString(large))).statusCode()).isEqualTo(401);
            assertThat(send(post(PATH, KEY, "text/plain").POST(HttpRequest.BodyPublishers.ofString(large))).statusCode()).isEqualTo(415);
        }
        assertThat(send(post(PATH, KEY, "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"))).statusCode()).isEqualTo(201);
        assertThat(actionSaw).hasSize(1);
    }

    @Test
    void whatTheActionThrowsIsAnsweredAsEveryRouteAnswersIt() throws Exception {
        actionThrows.set(new ApiException(400, "invalid_field", "call_id must be a string", "call_id"));
        HttpResponse<String> invalid = send(post(PATH, KEY, "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).isEqualTo("{\"error\":{\"code\":\"invalid_field\",\"message\":\"call_id must be a string\",\"field\":\"call_id\"}}");

        actionThrows.set(new StoreUnavailableException("disk full", 7, null));
        HttpResponse<String> full = send(post(PATH, KEY, "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(full.statusCode()).isEqualTo(503);
        assertThat(full.headers().firstValue("retry-after")).hasValue("7");
        assertThat(full.body()).contains("\"code\":\"store_unavailable\"").contains("disk full");

        actionThrows.set(new IllegalStateException("a bug"));
        HttpResponse<String> bug = send(post(PATH, KEY, "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(bug.statusCode()).isEqualTo(500);
        assertThat(bug.body()).isEqualTo("{\"error\":{\"code\":\"internal_error\",\"message\":\"an internal error occurred; it has been logged\"}}")
                .doesNotContain("a bug");
        assertThat(metrics.scrape()).contains("route=\"/api/v1/calls\",status=\"503\"} 1").contains("route=\"/api/v1/calls\",status=\"500\"} 1");
    }

    @Test
    void answersLaterWithoutHoldingAThreadForEachRequestWaiting() throws Exception {
        held.set(new CopyOnWriteArrayList<>());
        int requests = THREADS * 3; // more than the server has threads: only requests not holding one can all be waiting
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            sent.add(http.sendAsync(post(PATH, KEY, "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"n\":" + i + "}")).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        long until = System.nanoTime() + 10_000_000_000L;
        while (held.get().size() < requests && System.nanoTime() < until) Thread.sleep(10);
        assertThat(held.get()).as("every request reached the action while none was answered").hasSize(requests);
        assertThat(sent).noneMatch(CompletableFuture::isDone);

        held.get().get(0).completeExceptionally(new StoreUnavailableException("the store is busy", 1, null));
        Thread answering = new Thread(() -> held.get().stream().skip(1)
                .forEach(f -> f.complete(new DirectRoute.Answer(201, "{\"later\":true}".getBytes(StandardCharsets.UTF_8)))));
        answering.start(); // as the store's writer does, on a thread of its own
        answering.join();
        List<HttpResponse<String>> answers = sent.stream().map(CompletableFuture::join).toList();
        assertThat(answers).filteredOn(r -> r.statusCode() == 201).hasSize(requests - 1).allMatch(r -> r.body().equals("{\"later\":true}"));
        HttpResponse<String> busy = answers.stream().filter(r -> r.statusCode() != 201).findFirst().orElseThrow();
        assertThat(busy.statusCode()).isEqualTo(503);
        assertThat(busy.headers().firstValue("retry-after")).hasValue("1");
        assertThat(busy.body()).contains("\"code\":\"store_unavailable\"");
        assertThat(metrics.scrape()).contains("route=\"/api/v1/calls\",status=\"201\"} " + (requests - 1));
    }

    @Test
    void aBodyStillOnItsWayIsWaitedForAndABodyCutShortIsRefused() throws Exception {
        String body = "{\"call_id\":\"" + "c".repeat(100) + "\"}";
        String head = "POST " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + KEY
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n";
        try (Socket s = socket()) {
            OutputStream out = s.getOutputStream();
            out.write((head + body.substring(0, 40)).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(300); // the handler reads the first part and waits for the rest
            out.write(body.substring(40).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(statusLine(s)).isEqualTo("HTTP/1.1 201 Created");
        }
        assertThat(actionSaw).containsExactly(businessId + " " + body);

        try (Socket s = socket()) {
            s.getOutputStream().write((head + body.substring(0, 40)).getBytes(StandardCharsets.US_ASCII));
            s.shutdownOutput(); // 40 of the announced bytes, then the end
            assertThat(statusLine(s)).isEqualTo("HTTP/1.1 400 Bad Request");
        }
        assertThat(actionSaw).hasSize(1);
    }

    private Socket socket() throws Exception {
        Socket s = new Socket("127.0.0.1", ((ServerConnector) server.getConnectors()[0]).getLocalPort());
        s.setSoTimeout(10_000);
        return s;
    }

    private static String statusLine(Socket s) throws Exception {
        return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
    }
}
