package dev.hookline.http;

import dev.hookline.metrics.HttpMetrics;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One JSON route answered on Jetty's own handler API, ahead of Javalin's servlet stack, for the
 * route the telephony side calls most ({@code POST /api/v1/calls}): no servlet request, response
 * or session objects and no Javalin context per call. The route's contract is kept: the API key
 * (401), JSON only (415), {@link ErrorHandling}'s answers, and its timer in {@link HttpMetrics}.
 * A request it does not take (another path or method, a body without a Content-Length or too large
 * for one read) goes on to Javalin, which answers it as before. The answer is written when the
 * action's future completes (for a call report, on the store's writer thread once committed), so
 * no thread waits for a commit.
 */
public final class DirectRoute extends Handler.Wrapper {
    /** The route's work: the caller's business and the body (JSON by its content type) to an answer, now or later. */
    public interface Action {
        CompletableFuture<Answer> handle(String business, byte[] body);
    }

    /** A JSON answer. */
    public record Answer(int status, byte[] json) {}

    private static final HttpField JSON = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/json");

    private final String method;
    private final String path;
    private final Auth auth;
    private final Bodies bodies;
    private final HttpMetrics metrics;
    private final Action action;

    public DirectRoute(String method, String path, Auth auth, Bodies bodies, HttpMetrics metrics, Action action) {
        this.method = method;
        this.path = path;
        this.auth = auth;
        this.bodies = bodies;
        this.metrics = metrics;
        this.action = action;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!takes(request)) return super.handle(request, response, callback);
        CompletableFuture<Answer> answer;
        try {
            answer = answer(request);
        } catch (Exception e) {
            Bodies.drain(Content.Source.asInputStream(request)); // at most one read's worth, see takes
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((a, failure) -> {
            try {
                respond(request, response, callback, a, failure);
            } catch (Throwable t) {
                callback.failed(t);
            }
        });
        return true;
    }

    private void respond(Request request, Response response, Callback callback, Answer a, Throwable failure) {
        int status;
        byte[] json;
        long retryAfter = 0;
        if (failure == null) {
            status = a.status();
            json = a.json();
        } else {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            ErrorHandling.Failure f = ErrorHandling.failure(cause instanceof Exception e ? e : new IllegalStateException(cause), method, path);
            status = f.status();
            json = f.body();
            retryAfter = f.retryAfterSeconds();
        }
        // timed before the answer leaves: once it has, the caller may read the metrics
        metrics.request(method, path, status, System.nanoTime() - request.getBeginNanoTime());
        write(response, status, json, retryAfter, callback);
    }

    private boolean takes(Request request) {
        return method.equals(request.getMethod()) && path.equals(request.getHttpURI().getPath()) && bodies.readsWhole(request.getLength());
    }

    /** In Javalin's order: the key, then the content type, then the body. */
    private CompletableFuture<Answer> answer(Request request) {
        HttpFields headers = request.getHeaders();
        String business = auth.businessFor(headers.get(HttpHeader.AUTHORIZATION));
        Bodies.requireJson(headers.get(HttpHeader.CONTENT_TYPE));
        return action.handle(business, body(request, (int) request.getLength()));
    }

    /**
     * The body, copied from the chunks Jetty has read (for a call report, with its headers); only
     * a body still on its way is waited for, on a blocking stream (a lock and a condition each).
     */
    private static byte[] body(Request request, int length) {
        byte[] body = new byte[length];
        int read = 0;
        while (read < length) {
            Content.Chunk chunk = request.read();
            if (chunk == null) return Bodies.readRest(Content.Source.asInputStream(request), body, read);
            try {
                if (Content.Chunk.isFailure(chunk)) throw Bodies.unreadable(chunk.getFailure());
                ByteBuffer bytes = chunk.getByteBuffer();
                int n = Math.min(bytes.remaining(), length - read);
                bytes.get(body, read, n);
                read += n;
                if (chunk.isLast() && read < length) throw Bodies.ended(read, length);
            } finally {
                chunk.release();
            }
        }
        return body;
    }

    private static void write(Response response, int status, byte[] json, long retryAfterSeconds, Callback callback) {
        response.setStatus(status);
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(JSON);
        headers.put(HttpHeader.CONTENT_LENGTH, json.length);
        if (retryAfterSeconds > 0) headers.put(HttpHeader.RETRY_AFTER, Long.toString(retryAfterSeconds));
        response.write(true, ByteBuffer.wrap(json), callback);
    }
}
