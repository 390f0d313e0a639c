package dev.hookline.delivery;

import dev.hookline.config.Durations;
import dev.hookline.net.TargetPolicy;
import dev.hookline.plugins.HttpResult;
import dev.hookline.plugins.OutgoingRequest;
import dev.hookline.plugins.Redirect;
import dev.hookline.plugins.Verdict;
import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpField;

/**
 * Sends one attempt: the connector's request plus signature headers, asynchronously, with the
 * per-attempt time-out. Reads at most 4 KiB of the answer (the rest is discarded as it streams),
 * shows redirects to the connector, and turns every failure into a readable error. Never throws;
 * thread-safe.
 */
public final class Sender {
    public static final int BODY_LIMIT = 4096;
    private static final int MAX_REDIRECTS = 3;

    private final HttpClient client;
    private final Duration timeout;
    private final TargetPolicy targets;

    public Sender(HttpClient client, Duration timeout, TargetPolicy targets) {
        this.client = client;
        this.timeout = timeout;
        this.targets = targets;
    }

    /**
     * Sends {@code req} signed as message {@code id}, with the flow's {@code extra} headers (they
     * replace a connector's header of the same name, whatever its case); completes with the
     * outcome, never exceptionally.
     */
    CompletableFuture<AttemptOutcome> send(BoundedConnector connector, OutgoingRequest req, String id, String secret, Map<String, String> extra,
                                           long nowMillis) {
        long ts = nowMillis / 1000;
        byte[] body = req.body();
        Map<String, String> headers = new LinkedHashMap<>(req.headers());
        extra.forEach((name, value) -> {
            headers.keySet().removeIf(name::equalsIgnoreCase);
            headers.put(name, value);
        });
        headers.put("webhook-id", id);
        headers.put("webhook-timestamp", Long.toString(ts));
        headers.put("webhook-signature", Signer.sign(secret, id, ts, body));
        long start = System.nanoTime();
        CompletableFuture<AttemptOutcome> out = new CompletableFuture<>();
        Request r;
        try {
            r = client.newRequest(req.url()).method(req.method());
        } catch (RuntimeException e) {
            out.complete(AttemptOutcome.notSent(Verdict.retry("invalid URL: " + e.getMessage()), "invalid URL: " + e.getMessage()));
            return out;
        }
        r.headers(h -> headers.forEach(h::put));
        if (body.length > 0 || !"GET".equals(req.method())) {
            r.body(new BytesRequestContent(req.contentType(), body));
        }
        exchange(connector, r, start, 0, out);
        return out;
    }

    private void exchange(BoundedConnector connector, Request r, long start, int hops, CompletableFuture<AttemptOutcome> out) {
        long remaining = timeout.toNanos() - (System.nanoTime() - start);
        if (remaining <= 0) {
            out.complete(failure(null, start, "timed out after " + Durations.format(timeout), "", true));
            return;
        }
        BodyPrefix prefix = new BodyPrefix();
        r.timeout(remaining, TimeUnit.NANOSECONDS);
        r.onResponseContent(prefix);
        r.send(result -> {
            try {
                Response resp = result.getResponse();
                if (result.isFailed()) {
                    Throwable failure = result.getFailure();
                    out.complete(failure(resp == null || resp.getStatus() == 0 ? null : resp.getStatus(), start, describe(failure, r),
                            prefix.text(), isTimeout(failure)));
                    return;
                }
                int status = resp.getStatus();
                if (status >= 300 && status < 400) {
                    redirect(connector, r, resp, status, start, hops, prefix, out);
                    return;
                }
                HttpResult http = new HttpResult(status, headers(resp), prefix.text());
                long took = elapsedMs(start);
                connector.classify(http).thenAccept(v -> out.complete(new AttemptOutcome(v, status, took, v.reason(), prefix.text(), true, false)));
            } catch (RuntimeException e) {
                out.complete(failure(null, start, "internal error: " + e, prefix.text(), false));
            }
        });
    }

    private void redirect(BoundedConnector connector, Request r, Response resp, int status, long start, int hops, BodyPrefix prefix,
                          CompletableFuture<AttemptOutcome> out) {
        String location = resp.getHeaders().get("Location");
        String target;
        try {
            target = location == null ? null : URI.create(r.getURI().toString()).resolve(location).toString();
        } catch (IllegalArgumentException e) {
            target = null;
        }
        if (target == null) {
            follow(connector, Redirect.refuse(), null, status, start, hops, prefix, out);
            return;
        }
        String to = target;
        connector.onRedirect(status, to).thenAccept(d -> follow(connector, d, to, status, start, hops, prefix, out));
    }

    private void follow(BoundedConnector connector, Redirect decision, String target, int status, long start, int hops, BodyPrefix prefix,
                        CompletableFuture<AttemptOutcome> out) {
        if (target == null || !decision.follow() || hops >= MAX_REDIRECTS) {
            String why = target == null ? "HTTP " + status + " redirect without a Location" : "redirect to " + target + " not followed";
            out.complete(new AttemptOutcome(Verdict.retry(why), status, elapsedMs(start), why, prefix.text(), true, false));
            return;
        }
        String problem = targets.problemWith(target);
        if (problem != null) {
            String why = "redirect to " + target + " refused: it " + problem;
            out.complete(new AttemptOutcome(Verdict.retry(why), status, elapsedMs(start), why, prefix.text(), true, false));
            return;
        }
        Request next = client.newRequest(target).method("GET");
        exchange(connector, next, start, hops + 1, out);
    }

    private static Map<String, List<String>> headers(Response resp) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (HttpField f : resp.getHeaders()) {
            m.computeIfAbsent(f.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(f.getValue());
        }
        return m;
    }

    private static AttemptOutcome failure(Integer status, long start, String error, String body, boolean timedOut) {
        return new AttemptOutcome(Verdict.retry(error), status, elapsedMs(start), error, body, true, timedOut);
    }

    private static boolean isTimeout(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof TimeoutException) return true;
        }
        return false;
    }

    private String describe(Throwable t, Request r) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof TimeoutException) break;
            root = root.getCause();
        }
        if (root instanceof TimeoutException || t instanceof TimeoutException) return "timed out after " + Durations.format(timeout);
        if (root instanceof ConnectException) return "connection refused";
        if (root instanceof UnknownHostException) {
            String msg = root.getMessage();
            return msg != null && msg.contains("internal address") ? msg : "could not resolve host " + r.getHost();
        }
        if (root instanceof NoRouteToHostException) return "no route to host " + r.getHost();
        if (root instanceof ClosedChannelException || root instanceof java.io.EOFException) return "connection closed before an answer";
        if (root instanceof javax.net.ssl.SSLException) return "TLS error: " + root.getMessage();
        String msg = root.getMessage();
        return root.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
    }

    private static long elapsedMs(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    /** Keeps the first 4 KiB of a body as it streams in; the rest is consumed and dropped. */
    private static final class BodyPrefix implements Response.ContentListener {
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

        @Override
        public synchronized void onContent(Response response, ByteBuffer content) {
            int room = BODY_LIMIT - buf.size();
            if (room <= 0) return;
            int n = Math.min(room, content.remaining());
            byte[] b = new byte[n];
            content.get(b);
            buf.write(b, 0, n);
        }

        synchronized String text() {
            String s = buf.toString(StandardCharsets.UTF_8);
            // a cut in the middle of a multi-byte character leaves a replacement char: drop it
            return s.endsWith("\uFFFD") && buf.size() >= BODY_LIMIT ? s.substring(0, s.length() - 1) : s;
        }
    }
}
