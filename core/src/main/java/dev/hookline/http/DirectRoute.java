package dev.hookline.http;

import dev.hookline.metrics.HttpMetrics;
import java.nio.ByteBuffer;
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
 * for one read) goes on to Javalin, which answers it as before.
 */
public final class DirectRoute extends Handler.Wrapper {
    /** The route's work: the caller's business and the body (JSON by its content type) to an answer. */
    public interface Action {
        Answer handle(String business, byte[] body);
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
        int status;
        try {
            Answer a = answer(request);
            status = a.status();
            write(response, status, a.json(), 0, callback);
        } catch (Exception e) {
            discardBody(request);
            ErrorHandling.Failure f = ErrorHandling.failure(e, method, path);
            status = f.status();
            write(response, status, f.body(), f.retryAfterSeconds(), callback);
        }
        metrics.request(method, path, status, System.nanoTime() - request.getBeginNanoTime());
        return true;
    }

    private boolean takes(Request request) {
        return method.equals(request.getMethod()) && path.equals(request.getHttpURI().getPath()) && bodies.readsWhole(request.getLength());
    }

    /** In Javalin's order: the key, then the content type, then the body. */
    private Answer answer(Request request) {
        HttpFields headers = request.getHeaders();
        String business = auth.businessFor(headers.get(HttpHeader.AUTHORIZATION));
        Bodies.requireJson(headers.get(HttpHeader.CONTENT_TYPE));
        byte[] body = Bodies.readExactly(Content.Source.asInputStream(request), (int) request.getLength());
        return action.handle(business, body);
    }

    /**
     * Reads what is left of a refused request's body (at most one read's worth, see {@link #takes}):
     * answered with its body still on the way, Jetty closes the connection, and the client may see
     * the close before the answer.
     */
    private static void discardBody(Request request) {
        try {
            Content.Source.consumeAll(request);
        } catch (Exception alreadyBroken) {
            // the body could not be read: the answer says so, and the connection goes
        }
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
