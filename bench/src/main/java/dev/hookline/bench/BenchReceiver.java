package dev.hookline.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A loopback webhook receiver on a plain Jetty handler. {@code OK} answers 200 at once; {@code HOLD}
 * keeps every request open until {@link #release} ({@link HangingReceivers} never answer). Each
 * request's {@code call_id} and arrival time go to a listener.
 */
final class BenchReceiver implements AutoCloseable {
    enum Mode { OK, HOLD }

    private static final ByteBuffer OK_BODY = ByteBuffer.wrap("ok".getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();

    private final Server server;
    private final ServerConnector connector;
    private volatile Mode mode;
    private volatile BiConsumer<String, Long> listener = (id, t) -> { };
    private volatile java.util.function.Consumer<String> bodies = b -> { };
    private final AtomicLong received = new AtomicLong();
    private final ConcurrentLinkedQueue<Object[]> held = new ConcurrentLinkedQueue<>();

    BenchReceiver(String host, Mode mode, int threads) throws Exception {
        this.mode = mode;
        QueuedThreadPool pool = new QueuedThreadPool(threads, Math.min(8, threads));
        pool.setName("bench-receiver-" + host);
        pool.setDaemon(true);
        server = new Server(pool);
        connector = new ServerConnector(server, 1, 1);
        connector.setHost(host);
        connector.setPort(0);
        connector.setAcceptQueueSize(1024);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String body = Content.Source.asString(request, StandardCharsets.UTF_8);
                long now = System.nanoTime();
                received.incrementAndGet();
                listener.accept(callId(body), now);
                bodies.accept(body);
                Mode m = BenchReceiver.this.mode;
                if (m == Mode.OK) {
                    answer(response, callback);
                } else if (m == Mode.HOLD) {
                    held.add(new Object[] {response, callback, m});
                }
                return true;
            }
        });
        server.start();
    }

    private static void answer(Response response, Callback callback) {
        response.setStatus(200);
        response.write(true, OK_BODY.duplicate(), callback);
    }

    /** The call_id of a payload, found without parsing the whole JSON. */
    static String callId(String body) {
        return field(body, "call_id");
    }

    /** A string field of a payload, found without parsing the whole JSON. */
    static String field(String body, String name) {
        String key = "\"" + name + "\":\"";
        int k = body.indexOf(key);
        if (k < 0) return null;
        int start = k + key.length();
        return body.substring(start, body.indexOf('"', start));
    }

    /** Hears every request body as well. */
    void listenBodies(java.util.function.Consumer<String> l) {
        bodies = l;
    }

    String url(String path) {
        return "http://" + connector.getHost() + ":" + connector.getLocalPort() + path;
    }

    void listen(BiConsumer<String, Long> l) {
        listener = l;
    }

    long received() {
        return received.get();
    }

    /** Comes up: answers everything held and everything new at once. */
    void release() {
        mode = Mode.OK;
        List<Object[]> all = new ArrayList<>();
        for (Object[] h; (h = held.poll()) != null; ) all.add(h);
        for (Object[] h : all) {
            if (h[2] == Mode.HOLD) answer((Response) h[0], (Callback) h[1]);
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
