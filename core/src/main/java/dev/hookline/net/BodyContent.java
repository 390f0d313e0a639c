package dev.hookline.net;

import java.nio.ByteBuffer;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.io.Content;

/**
 * A request body held as one buffer, read as one last chunk without a copy. Jetty's own
 * {@code ByteBufferRequestContent} takes any number of buffers and so makes a stream, a lock and
 * an invoker for each request; an attempt has exactly one. Thread-safe; rewinds for a resend.
 */
public final class BodyContent implements Request.Content {
    private final String contentType;
    private final ByteBuffer body;
    private boolean read;
    private Content.Chunk failure;

    public BodyContent(String contentType, ByteBuffer body) {
        this.contentType = contentType;
        this.body = body;
    }

    @Override
    public String getContentType() {
        return contentType;
    }

    @Override
    public long getLength() {
        return body.remaining();
    }

    @Override
    public synchronized Content.Chunk read() {
        if (failure != null) return failure;
        if (read) return Content.Chunk.EOF;
        read = true;
        return Content.Chunk.from(body.slice(), true);
    }

    /** Never waits: every read has its answer at once. */
    @Override
    public void demand(Runnable demandCallback) {
        demandCallback.run();
    }

    @Override
    public synchronized void fail(Throwable cause) {
        if (failure == null) failure = Content.Chunk.from(cause, true);
    }

    @Override
    public synchronized boolean rewind() {
        read = false;
        failure = null;
        return true;
    }
}
