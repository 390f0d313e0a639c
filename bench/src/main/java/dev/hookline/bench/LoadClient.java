package dev.hookline.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The load generator: Jetty's async client with a fixed number of requests in flight. The same
 * settings serve the baseline (straight to the receiver) and the hub runs, so ratios compare
 * like with like.
 */
final class LoadClient implements AutoCloseable {
    /** What came back: the status and the body, or status -1 on a transport error. */
    record Reply(int status, String body) {}

    private final HttpClient client;
    private final Semaphore inFlight;

    LoadClient(int concurrency) throws Exception {
        QueuedThreadPool pool = new QueuedThreadPool(32, 4);
        pool.setName("bench-load");
        pool.setDaemon(true);
        client = new HttpClient();
        client.setExecutor(pool);
        client.setMaxConnectionsPerDestination(concurrency);
        client.setMaxRequestsQueuedPerDestination(1_000_000);
        client.setFollowRedirects(false);
        client.start();
        inFlight = new Semaphore(concurrency);
    }

    /** Sends when a slot is free (blocks the caller until then); completes with the reply. */
    CompletableFuture<Reply> post(String url, String contentType, String body, String bearer) throws InterruptedException {
        inFlight.acquire();
        return send(url, contentType, body, bearer, true);
    }

    /** As {@link #post}, with one more request header (a webhook signature). */
    CompletableFuture<Reply> post(String url, String contentType, String body, String bearer, String header, String value)
            throws InterruptedException {
        inFlight.acquire();
        Request r = client.newRequest(url).method("POST").body(new BytesRequestContent(contentType, body.getBytes(StandardCharsets.UTF_8)));
        r.headers(h -> h.put(header, value));
        return send(r, bearer, true);
    }

    /** Sends now, outside the in-flight bound (fixed-rate runs, where the schedule sets the load). */
    CompletableFuture<Reply> fire(String url, String contentType, String body, String bearer) {
        return send(url, contentType, body, bearer, false);
    }

    /** A PUT with the API key, outside the in-flight bound (set-up requests); completes with the reply. */
    CompletableFuture<Reply> put(String url, String contentType, String body, String bearer) {
        return send(client.newRequest(url).method("PUT").body(new BytesRequestContent(contentType, body.getBytes(StandardCharsets.UTF_8))),
                bearer, false);
    }

    /** A GET with the API key; completes with the reply. */
    CompletableFuture<Reply> get(String url, String bearer) {
        return send(client.newRequest(url).method("GET"), bearer, false);
    }

    private CompletableFuture<Reply> send(String url, String contentType, String body, String bearer, boolean bounded) {
        return send(client.newRequest(url).method("POST").body(new BytesRequestContent(contentType, body.getBytes(StandardCharsets.UTF_8))),
                bearer, bounded);
    }

    private CompletableFuture<Reply> send(Request r, String bearer, boolean bounded) {
        CompletableFuture<Reply> out = new CompletableFuture<>();
        r.timeout(30, TimeUnit.SECONDS);
        if (bearer != null) r.headers(h -> h.put("Authorization", "Bearer " + bearer));
        StringBuilder sb = new StringBuilder();
        r.onResponseContent((resp, buf) -> sb.append(StandardCharsets.UTF_8.decode(buf)));
        r.send(result -> {
            if (bounded) inFlight.release();
            out.complete(result.isFailed() ? new Reply(-1, String.valueOf(result.getFailure())) : new Reply(result.getResponse().getStatus(), sb.toString()));
        });
        return out;
    }

    @Override
    public void close() throws Exception {
        client.stop();
    }
}
