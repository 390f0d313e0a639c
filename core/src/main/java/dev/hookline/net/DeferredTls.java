package dev.hookline.net;

import javax.net.ssl.SSLContext;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The outgoing client's TLS, set up on the first https exchange instead of when the client starts:
 * reading the JVM's trust store was about a tenth of a cold start, paid twice (two clients) by
 * hubs that may never send over https. Certificates and host names are checked as Jetty's
 * defaults do; only the moment of loading moves.
 */
final class DeferredTls extends SslContextFactory.Client {
    private volatile boolean loaded;
    private boolean loading;

    @Override
    protected void doStart() {
        // nothing yet: getSslContext() loads on first use
    }

    @Override
    public SSLContext getSslContext() {
        if (!loaded) load();
        return super.getSslContext();
    }

    /** Whether the trust store has been read (tests). */
    boolean isLoaded() {
        return loaded;
    }

    private synchronized void load() {
        if (loaded || loading) return; // loading: Jetty's own checks ask for the context while it loads
        loading = true;
        try {
            super.doStart();
            loaded = true;
        } catch (Exception e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        } finally {
            loading = false;
        }
    }

    @Override
    protected synchronized void doStop() throws Exception {
        super.doStop();
        loaded = false;
    }
}
