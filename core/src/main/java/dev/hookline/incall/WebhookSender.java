package dev.hookline.incall;

import dev.hookline.net.BodyContent;
import dev.hookline.net.ExchangeFailure;
import dev.hookline.net.HttpClients;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpHeader;

/**
 * Sends in-call requests with Jetty's asynchronous client: no thread waits on a receiver. Each
 * request has a total timeout (connect, queue and answer included); at most {@code maxAnswerBytes}
 * of an answer are read (1 MiB when the answer is not kept), after which the response is aborted. The returned future never fails:
 * every end, good or bad, is an {@link Exchange}. Thread-safe.
 */
final class WebhookSender {
    private final HttpClient client;

    public WebhookSender(HttpClient client) {
        this.client = client;
    }

    /** Sends {@code r} with a total timeout; keeps up to {@code maxAnswerBytes} of the answer (0: discard it). */
    public CompletableFuture<Exchange> send(InCallRequest r, long timeoutMillis, int maxAnswerBytes) {
        CompletableFuture<Exchange> done = new CompletableFuture<>();
        long start = System.nanoTime();
        try {
            Request request = client.newRequest(r.url()).method(r.method()).timeout(timeoutMillis, TimeUnit.MILLISECONDS);
            if (r.body() != null) {
                request.body(new BodyContent(r.contentType(), ByteBuffer.wrap(r.body())));
            }
            if (!r.headers().isEmpty()) {
                request.headers(h -> r.headers().forEach(h::put));
            }
            if (maxAnswerBytes > 0) {
                request.headers(h -> h.put(HttpHeader.ACCEPT, "application/json"));
            }
            request.send(new Collector(request.getHost(), maxAnswerBytes, start, done));
        } catch (RuntimeException e) {
            done.complete(new Exchange(hostOf(r.url()), 0, new byte[0], false, e, elapsedMs(start)));
        }
        return done;
    }

    private static String hostOf(String url) {
        try {
            return java.net.URI.create(url).getHost();
        } catch (RuntimeException e) {
            return null;
        }
    }

    static long elapsedMs(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /** Marks an answer cut short because it is over the limit. */
    static final class AnswerTooLarge extends RuntimeException {
        AnswerTooLarge(int limit) {
            super("the answer is larger than " + (limit / 1024) + " KiB", null, false, false);
        }
    }

    /**
     * Keeps the first bytes of the answer and completes the future once the exchange ends. An
     * answer whose body is not kept is still read only up to {@link HttpClients#DRAIN_LIMIT}: past it the
     * exchange is cut and judged by its status.
     */
    private static final class Collector implements Response.Listener {
        private final String host;
        private final int max;
        private final long start;
        private final CompletableFuture<Exchange> done;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private long seen;
        private boolean tooLarge;

        Collector(String host, int max, long start, CompletableFuture<Exchange> done) {
            this.host = host;
            this.max = max;
            this.start = start;
            this.done = done;
        }

        @Override
        public void onContent(Response response, ByteBuffer content) {
            if (tooLarge) return;
            seen += content.remaining();
            int limit = max > 0 ? max : HttpClients.DRAIN_LIMIT;
            if (seen > limit) {
                tooLarge = true;
                response.abort(new AnswerTooLarge(limit));
                return;
            }
            if (max <= 0) return;
            byte[] chunk = new byte[content.remaining()];
            content.get(chunk);
            body.write(chunk, 0, chunk.length);
        }

        @Override
        public void onComplete(Result result) {
            int status = result.getResponse() == null ? 0 : result.getResponse().getStatus();
            Throwable failure = result.isFailed() && !tooLarge ? result.getFailure() : null;
            if (failure != null && ExchangeFailure.isInvalidAnswer(failure)) status = 0; // the client's verdict, not the receiver's
            done.complete(new Exchange(host, status, body.toByteArray(), tooLarge, failure, elapsedMs(start)));
        }
    }
}
