package dev.hookline.delivery;

import dev.hookline.config.Durations;
import dev.hookline.model.Delivery;
import dev.hookline.net.BodyContent;
import dev.hookline.net.ExchangeFailure;
import dev.hookline.net.HttpClients;
import dev.hookline.net.TargetPolicy;
import dev.hookline.net.Urls;
import dev.hookline.plugins.HttpResult;
import dev.hookline.plugins.OutgoingRequest;
import dev.hookline.plugins.Redirect;
import dev.hookline.plugins.Verdict;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;

/**
 * Sends one attempt: the connector's request plus signature headers, asynchronously, with the
 * per-attempt time-out covering connect, headers and body. Reads at most 4 KiB of the answer and
 * discards the rest as it streams, up to {@link #DRAIN_LIMIT}; an answer longer than that is cut
 * there (the connection closes) and judged by its status. Shows redirects to the connector and
 * turns every failure into a readable error ({@link ExchangeFailure}). Signs with the secrets
 * {@link Secrets} gives for the delivery at send time, so a retry after a rotation carries the
 * flow's current secret. Never throws; thread-safe.
 */
public final class Sender {
    public static final int BODY_LIMIT = 4096;
    /** Bytes of an answer read (and dropped past the first 4 KiB) before the rest is refused. */
    public static final int DRAIN_LIMIT = HttpClients.DRAIN_LIMIT;
    private static final int MAX_REDIRECTS = 3;

    /** The secrets a delivery is signed with now: the current one first, then any still valid after a rotation. */
    @FunctionalInterface
    public interface Secrets {
        List<String> of(Delivery d);
    }

    private final HttpClient client;
    private final Duration timeout;
    private final TargetPolicy targets;
    private final Secrets secrets;

    /** A sender that signs with the secret each delivery snapshotted. */
    public Sender(HttpClient client, Duration timeout, TargetPolicy targets) {
        this(client, timeout, targets, d -> List.of(d.endpoint().signingSecret()));
    }

    public Sender(HttpClient client, Duration timeout, TargetPolicy targets, Secrets secrets) {
        this.client = client;
        this.timeout = timeout;
        this.targets = targets;
        this.secrets = secrets;
    }

    /**
     * Sends {@code req} as an attempt of {@code d}: signed as its message with the secrets its flow
     * has now, with the flow's {@code extra} headers (they replace a connector's header of the same
     * name, whatever its case); completes with the outcome, never exceptionally.
     */
    CompletableFuture<AttemptOutcome> send(BoundedConnector connector, OutgoingRequest req, Delivery d, Map<String, String> extra, long nowMillis) {
        List<String> keys;
        try {
            keys = secrets.of(d);
        } catch (RuntimeException e) {
            keys = List.of(d.endpoint().signingSecret());
        }
        return send(connector, req, d.webhookId(), keys, extra, nowMillis);
    }

    /** As above, for message {@code id} signed with each of {@code secrets}. */
    CompletableFuture<AttemptOutcome> send(BoundedConnector connector, OutgoingRequest req, String id, List<String> secrets,
                                                   Map<String, String> extra, long nowMillis) {
        long ts = nowMillis / 1000;
        ByteBuffer body = req.bodyBuffer(); // read-only: signed and sent without a copy
        String signature = Signer.header(secrets, id, ts, body);
        long start = System.nanoTime();
        CompletableFuture<AttemptOutcome> out = new CompletableFuture<>();
        Request r;
        Urls.Target target;
        try {
            target = Urls.target(req.url());
            r = client.newRequest(target.uri()).method(req.method());
        } catch (RuntimeException e) {
            out.complete(AttemptOutcome.notSent(Verdict.retry("invalid URL: " + e.getMessage()), "invalid URL: " + e.getMessage()));
            return out;
        }
        // straight into Jetty's fields, whose put replaces a header of the same name in any case:
        // the flow's extra headers replace the connector's, and nothing replaces the signature's
        r.headers(h -> {
            if (target.host() != null) h.put(target.host()); // else Jetty builds a URI per request to find it
            req.headers().forEach(h::put);
            extra.forEach(h::put);
            h.put("webhook-id", id);
            h.put("webhook-timestamp", Long.toString(ts));
            h.put("webhook-signature", signature);
        });
        if (body.hasRemaining() || !"GET".equals(req.method())) {
            r.body(new BodyContent(req.contentType(), body));
        }
        exchange(connector, r, start, 0, out);
        return out;
    }

    private void exchange(BoundedConnector connector, Request r, long start, int hops, CompletableFuture<AttemptOutcome> out) {
        long remaining = timeout.toNanos() - (System.nanoTime() - start);
        if (remaining <= 0) {
            out.complete(failure(null, start, "timed out after " + Durations.format(timeout), ""));
            return;
        }
        BodyPrefix prefix = new BodyPrefix();
        r.timeout(remaining, TimeUnit.NANOSECONDS);
        r.onResponseContent(prefix);
        r.send(result -> {
            try {
                Response resp = result.getResponse();
                if (result.isFailed() && !prefix.cut()) {
                    out.complete(failed(resp, result.getFailure(), r.getHost(), start, prefix.text()));
                    return;
                }
                int status = resp.getStatus();
                if (status >= 300 && status < 400) {
                    redirect(connector, r, resp, status, start, hops, prefix, out);
                    return;
                }
                HttpResult http = new HttpResult(status, headers(resp), prefix.text());
                long took = elapsedMs(start);
                CompletableFuture<Verdict> verdict = connector.classify(http);
                if (verdict.isDone() && !verdict.isCompletedExceptionally()) { // the built-in connector's, given inline
                    out.complete(answered(verdict.join(), http, took));
                } else {
                    verdict.thenAccept(v -> out.complete(answered(v, http, took)));
                }
            } catch (RuntimeException e) {
                out.complete(failure(null, start, "internal error: " + e, prefix.text()));
            }
        });
    }

    /**
     * An exchange that did not end in a whole answer. A status seen before a time-out or a reset is
     * kept for the log, but the attempt counts as unanswered; a status the client made up for an
     * answer that was not HTTP is dropped.
     */
    private AttemptOutcome failed(Response resp, Throwable failure, String host, long start, String body) {
        boolean invalid = ExchangeFailure.isInvalidAnswer(failure);
        Integer status = resp == null || resp.getStatus() == 0 || invalid ? null : resp.getStatus();
        String error = ExchangeFailure.describe(failure, host, timeout, status != null);
        return new AttemptOutcome(Verdict.retry(error), status, elapsedMs(start), error, body, true, false);
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
            out.complete(new AttemptOutcome(Verdict.retry(why), status, elapsedMs(start), why, prefix.text(), true, true));
            return;
        }
        String problem = targets.problemWith(target);
        if (problem != null) {
            String why = "redirect to " + target + " refused: it " + problem;
            out.complete(new AttemptOutcome(Verdict.retry(why), status, elapsedMs(start), why, prefix.text(), true, true));
            return;
        }
        Request next = client.newRequest(target).method("GET");
        exchange(connector, next, start, hops + 1, out);
    }

    /**
     * The answer's headers by lower-case name (Jetty's own for known headers: no string made), as
     * the immutable map the result keeps; most have one value.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> headers(Response resp) {
        HttpFields fields = resp.getHeaders();
        Map.Entry<String, List<String>>[] entries = new Map.Entry[fields.size()];
        for (int i = 0; i < entries.length; i++) {
            HttpField f = fields.getField(i);
            String name = f.getLowerCaseName();
            for (int j = 0; j < i; j++) {
                if (entries[j].getKey().equals(name)) return grouped(fields);
            }
            entries[i] = Map.entry(name, List.of(f.getValue()));
        }
        return Map.ofEntries(entries);
    }

    /** A header given more than once: its values in one list, in order. */
    private static Map<String, List<String>> grouped(HttpFields fields) {
        Map<String, List<String>> m = new HashMap<>(fields.size() * 2);
        for (HttpField f : fields) m.computeIfAbsent(f.getLowerCaseName(), k -> new ArrayList<>()).add(f.getValue());
        return m;
    }

    private static AttemptOutcome answered(Verdict v, HttpResult http, long took) {
        return new AttemptOutcome(v, http.statusCode(), took, v.reason(), http.body(), true, true);
    }

    private static AttemptOutcome failure(Integer status, long start, String error, String body) {
        return new AttemptOutcome(Verdict.retry(error), status, elapsedMs(start), error, body, true, false);
    }

    private static long elapsedMs(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    /** Keeps the first 4 KiB of a body as it streams in; drops the rest, and past {@link #DRAIN_LIMIT} aborts the answer. */
    private static final class BodyPrefix implements Response.ContentListener {
        private ByteArrayOutputStream buf; // made on the first bytes: most answers to a webhook have none
        private long seen;
        private boolean cut;

        @Override
        public synchronized void onContent(Response response, ByteBuffer content) {
            seen += content.remaining();
            if (seen > DRAIN_LIMIT && !cut) {
                cut = true;
                response.abort(new IllegalStateException("answer longer than " + DRAIN_LIMIT / 1024 + " KiB, cut"));
            }
            if (buf == null) buf = new ByteArrayOutputStream(Math.min(BODY_LIMIT, content.remaining()));
            int room = BODY_LIMIT - buf.size();
            if (room <= 0) return;
            int n = Math.min(room, content.remaining());
            if (content.hasArray()) {
                buf.write(content.array(), content.arrayOffset() + content.position(), n);
                content.position(content.position() + n);
                return;
            }
            byte[] b = new byte[n];
            content.get(b);
            buf.write(b, 0, n);
        }

        /** The answer was cut at {@link #DRAIN_LIMIT}: its status and first bytes stand. */
        synchronized boolean cut() {
            return cut;
        }

        synchronized String text() {
            if (buf == null) return "";
            String s = buf.toString(StandardCharsets.UTF_8);
            // a cut in the middle of a multi-byte character leaves a replacement char: drop it
            return s.endsWith("\uFFFD") && buf.size() >= BODY_LIMIT ? s.substring(0, s.length() - 1) : s;
        }
    }
}
