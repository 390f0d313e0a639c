package dev.hookline.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A real HTTP receiver on a loopback address and port 0 that records every request and answers
 * what the test scripts: a status sequence, a delay, a redirect.
 */
public final class Receiver implements AutoCloseable {

    /** A request as received. Header names are lower case. */
    public record Received(String method, String path, String query, Map<String, List<String>> headers, byte[] body, long receivedAtNanos) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            List<String> v = headers.get(name.toLowerCase());
            return v == null || v.isEmpty() ? null : v.get(0);
        }
    }

    /** What to answer. */
    public record Answer(int status, String body, Duration delay, Map<String, String> headers) {
        public static Answer status(int status) {
            return new Answer(status, "", Duration.ZERO, Map.of());
        }

        public static Answer ok(String body) {
            return new Answer(200, body, Duration.ZERO, Map.of());
        }

        public static Answer hang(Duration d) {
            return new Answer(200, "late", d, Map.of());
        }

        public static Answer redirect(String location) {
            return new Answer(302, "", Duration.ZERO, Map.of("Location", location));
        }
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-receiver");
        t.setDaemon(true);
        return t;
    });
    private final LinkedBlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
    private final List<Received> all = new CopyOnWriteArrayList<>();
    private volatile Function<Received, Answer> script = r -> Answer.ok("ok");

    private Receiver(String host, int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, port), 256);
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    public static Receiver start() {
        return start("127.0.0.1");
    }

    public static Receiver start(String loopbackHost) {
        return start(loopbackHost, 0);
    }

    /** A receiver on a given port, e.g. to come back up where an earlier one was. */
    public static Receiver start(String loopbackHost, int port) {
        try {
            return new Receiver(loopbackHost, port);
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url(String path) {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort() + path;
    }

    /** Answers with {@code answers} in turn, then the last one for ever. */
    public Receiver answer(Answer... answers) {
        List<Answer> list = List.of(answers);
        int[] i = {0};
        script = r -> {
            synchronized (i) {
                Answer a = list.get(Math.min(i[0], list.size() - 1));
                i[0]++;
                return a;
            }
        };
        return this;
    }

    public Receiver answer(Function<Received, Answer> f) {
        script = f;
        return this;
    }

    /** The next request, waiting up to {@code max}; fails the test when none comes. */
    public Received next(Duration max) {
        try {
            Received r = inbox.poll(max.toMillis(), TimeUnit.MILLISECONDS);
            if (r == null) throw new AssertionError("no request reached the receiver within " + max);
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next request if one comes within {@code max}, else null. */
    public Received poll(Duration max) {
        try {
            return inbox.poll(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    public List<Received> all() {
        return new ArrayList<>(all);
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        Map<String, List<String>> headers = new java.util.HashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v));
        Received r = new Received(ex.getRequestMethod(), ex.getRequestURI().getPath(), ex.getRequestURI().getRawQuery(), headers, body,
                System.nanoTime());
        all.add(r);
        inbox.add(r);
        Answer a = script.apply(r);
        try {
            if (!a.delay().isZero()) Thread.sleep(a.delay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        a.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
        try {
            ex.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(out);
                }
            }
        } catch (IOException clientGone) {
            // the hub timed out and closed the connection: expected in time-out tests
        } finally {
            ex.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
