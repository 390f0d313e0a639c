package dev.hookline.delivery;

import dev.hookline.config.Durations;
import dev.hookline.net.BodyContent;
import dev.hookline.net.ExchangeFailure;
import dev.hookline.net.TargetPolicy;
import dev.hookline.plugins.HttpPort;
import dev.hookline.plugins.HttpResult;
import dev.hookline.plugins.OutgoingRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpField;

/**
 * The {@link HttpPort} of one direct-delivery attempt: the delivery client (whose resolver refuses
 * internal addresses at connect time), the address policy checked before each request, what is
 * left of the attempt's time-out, and answers read whole up to {@link HttpPort#ANSWER_LIMIT}.
 * Thread-safe.
 */
final class ConnectorHttpPort implements HttpPort {
    private final HttpClient client;
    private final TargetPolicy targets;
    private final Duration timeout;
    private final long deadlineNanos;

    ConnectorHttpPort(HttpClient client, TargetPolicy targets, Duration timeout, long deadlineNanos) {
        this.client = client;
        this.targets = targets;
        this.timeout = timeout;
        this.deadlineNanos = deadlineNanos;
    }

    @Override
    public CompletableFuture<HttpResult> send(OutgoingRequest req) {
        CompletableFuture<HttpResult> out = new CompletableFuture<>();
        try {
            String problem = targets.problemWith(req.url());
            if (problem != null) return failed(out, "the URL " + req.url() + " " + problem);
            long remaining = deadlineNanos - System.nanoTime();
            if (remaining <= 0) return failed(out, timedOut());
            Request r = client.newRequest(req.url()).method(req.method()).timeout(remaining, TimeUnit.NANOSECONDS);
            r.headers(h -> req.headers().forEach(h::put));
            ByteBuffer body = req.bodyBuffer();
            if (body.hasRemaining() || !"GET".equals(req.method())) r.body(new BodyContent(req.contentType(), body));
            WholeBody whole = new WholeBody();
            r.onResponseContent(whole);
            r.send(result -> handOver(() -> {
                if (result.isFailed()) {
                    failed(out, ExchangeFailure.describe(result.getFailure(), r.getHost(), timeout, result.getResponse() != null && result.getResponse().getStatus() != 0));
                } else {
                    Response resp = result.getResponse();
                    out.complete(new HttpResult(resp.getStatus(), headers(resp), whole.text()));
                }
            }));
        } catch (RuntimeException e) {
            failed(out, "the request to " + req.url() + " could not be sent: " + e.getMessage());
        }
        return out;
    }

    /**
     * Completes the plugin's future on a pooled thread of the client: whatever the plugin chained
     * on it runs there, never on the selector thread that read the answer (which must not block).
     */
    private void handOver(Runnable completion) {
        try {
            client.getExecutor().execute(completion);
        } catch (RejectedExecutionException stopping) {
            completion.run();
        }
    }

    private static CompletableFuture<HttpResult> failed(CompletableFuture<HttpResult> out, String why) {
        out.completeExceptionally(new IOException(why));
        return out;
    }

    private String timedOut() {
        return "timed out after " + Durations.format(timeout);
    }

    private static Map<String, List<String>> headers(Response resp) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (HttpField f : resp.getHeaders()) m.computeIfAbsent(f.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(f.getValue());
        return m;
    }

    /** Gathers the answer as it streams in; past the limit the exchange is aborted. */
    private static final class WholeBody implements Response.ContentListener {
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

        @Override
        public synchronized void onContent(Response response, ByteBuffer content) {
            if (buf.size() + content.remaining() > ANSWER_LIMIT) {
                content.position(content.limit());
                response.abort(new IOException("the answer is longer than " + ANSWER_LIMIT / (1024 * 1024) + " MiB"));
                return;
            }
            byte[] b = new byte[content.remaining()];
            content.get(b);
            buf.write(b, 0, b.length);
        }

        synchronized String text() {
            return buf.toString(StandardCharsets.UTF_8);
        }
    }
}
