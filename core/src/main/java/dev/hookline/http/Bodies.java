package dev.hookline.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/** Reads request bodies after checking their content type (415 otherwise), and writes JSON answers without Javalin's copy. */
public final class Bodies {
    /** Bodies up to this size with a Content-Length are read into an array of exactly that size. */
    private static final int EXACT_READ_MAX = 64 * 1024;
    private static final long DRAIN_MAX = 1024 * 1024;

    private final ObjectMapper mapper;
    private final long maxBodyBytes;

    public Bodies(ObjectMapper mapper, long maxBodyBytes) {
        this.mapper = mapper;
        this.maxBodyBytes = maxBodyBytes;
    }

    public JsonInput json(Context ctx) {
        requireJson(ctx);
        return JsonInput.parse(mapper, bytes(ctx));
    }

    /** A body that is one flat object (a call report), read without a tree: see {@link FlatInput}. */
    public FlatInput flat(Context ctx) {
        requireJson(ctx);
        return flat(bytes(ctx));
    }

    /** As above, for a body already read and checked to be JSON. */
    public FlatInput flat(byte[] body) {
        return FlatInput.parse(mapper.getFactory(), body);
    }

    /**
     * The body. Javalin reads every body through a fresh 8 KiB buffer into a growing stream and
     * then copies it (~12 KiB of garbage for a 1 KiB call); a body whose length is announced and
     * within the limit is read straight into one array instead. Any other body (chunked, large,
     * over the limit) goes through Javalin, which answers 413 past the limit.
     */
    private byte[] bytes(Context ctx) {
        long length = ctx.req().getContentLengthLong();
        if (!readsWhole(length)) return ctx.bodyAsBytes();
        try {
            return readExactly(ctx.req().getInputStream(), (int) length);
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    /** Whether a body of announced {@code length} (-1: none announced) is read in one piece, with no limit check to make. */
    boolean readsWhole(long length) {
        return length >= 0 && length <= Math.min(EXACT_READ_MAX, maxBodyBytes);
    }

    /** Exactly {@code length} bytes from {@code in}; 400 when the body ends before. */
    static byte[] readExactly(InputStream in, int length) {
        return readRest(in, new byte[length], 0);
    }

    /** Fills {@code body} from index {@code from} on with bytes from {@code in}; 400 when the body ends before. */
    static byte[] readRest(InputStream in, byte[] body, int from) {
        try {
            int read = from + in.readNBytes(body, from, body.length - from);
            if (read < body.length) throw ended(read, body.length);
            return body;
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    /**
     * Reads what is left of a refused request's body (up to 1 MiB): answered while the client
     * still sends it, the connection closes under the client, which may then see the close and
     * not the answer. Both doors call this before answering a refusal.
     */
    static void drain(InputStream in) {
        try {
            byte[] buf = new byte[4096];
            long left = DRAIN_MAX;
            for (int n; left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) >= 0; ) left -= n;
        } catch (IOException | RuntimeException alreadyBroken) {
            // the body could not be read: the answer says so, and the connection goes
        }
    }

    static ApiException ended(int read, int length) {
        return new ApiException(400, "bad_request", "the request body ended after " + read + " of " + length + " bytes", null);
    }

    static ApiException unreadable(Throwable e) {
        return new ApiException(400, "bad_request", "the request body could not be read (" + e.getClass().getSimpleName() + ")", null);
    }

    /**
     * Answers {@code value} as JSON with {@code status}, written straight to the response. Javalin's
     * {@code ctx.json} hands the text over as a stream and copies it out through a fresh 8 KiB
     * buffer: a sixth of everything the hub allocated per call under load.
     */
    public void answer(Context ctx, int status, Object value) {
        answer(ctx, status, write(value));
    }

    /** {@code value} as JSON, UTF-8. */
    public byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the answer as JSON", e);
        }
    }

    /** Answers a JSON text already written as UTF-8 bytes (e.g. by {@link dev.hookline.plugins.Json#writeUtf8}). */
    public void answer(Context ctx, int status, byte[] json) {
        ctx.status(status).contentType("application/json");
        ctx.res().setContentLength(json.length);
        try {
            ctx.res().getOutputStream().write(json);
        } catch (IOException e) {
            // the client went away before its answer: the work is done and there is no one to tell
        }
    }

    public static boolean isJson(String contentType) {
        if (contentType == null) return false;
        String ct = contentType.toLowerCase();
        int semi = ct.indexOf(';');
        String base = (semi < 0 ? ct : ct.substring(0, semi)).trim();
        return base.equals("application/json") || base.endsWith("+json");
    }

    static void requireJson(Context ctx) {
        requireJson(ctx.contentType());
    }

    /** 415 unless {@code contentType} (may be null) is JSON. */
    static void requireJson(String contentType) {
        if (!isJson(contentType)) {
            throw new ApiException(415, "unsupported_media_type",
                    "Content-Type must be application/json (got " + (contentType == null ? "none" : contentType) + ")", null);
        }
    }

    public ObjectMapper mapper() {
        return mapper;
    }
}
