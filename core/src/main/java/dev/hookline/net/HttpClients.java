package dev.hookline.net;

import dev.hookline.config.Version;
import java.net.InetAddress;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.ProxyAuthenticationProtocolHandler;
import org.eclipse.jetty.client.WWWAuthenticationProtocolHandler;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * The outgoing HTTP client: Jetty's asynchronous client, so thousands of requests can be in
 * flight without a thread each, with redirects off (connectors decide), the SSRF-guarding
 * resolver on a bounded look-up pool of its own ({@link BoundedResolver}), response headers capped
 * at {@link #MAX_RESPONSE_HEADERS}, {@code User-Agent: Hookline/<version>}, no cookies kept, and
 * TLS set up on the first https exchange ({@link DeferredTls}).
 */
public final class HttpClients {
    /** Response headers beyond this many bytes fail the exchange (Jetty's client reads them all into memory by default). */
    public static final int MAX_RESPONSE_HEADERS = 64 * 1024;
    /** Bytes of an answer's body read (kept or dropped) before the rest is refused and the exchange cut. */
    public static final int DRAIN_LIMIT = 1024 * 1024;

    private HttpClients() {}

    /** Creates and starts a client; {@code maxPerHost} bounds connections to one host:port. */
    public static HttpClient start(TargetPolicy policy, int maxPerHost, String threadName) {
        QueuedThreadPool pool = new QueuedThreadPool(64, 4);
        pool.setName(threadName);
        pool.setDaemon(true);
        pool.setReservedThreads(0); // a reserved thread is parked and woken for each hand-over
        HttpClient client = new HttpClient();
        // Answers are handled on the selector thread that read them, not handed to a pooled thread:
        // every listener here only completes a future or queues a write (none blocks), and the
        // hand-over cost a context switch per exchange.
        client.getHttpClientTransport().setInvocationType(InvocationType.NON_BLOCKING);
        client.setSslContextFactory(new DeferredTls());
        client.setExecutor(pool);
        client.setFollowRedirects(false);
        client.setMaxConnectionsPerDestination(maxPerHost);
        client.setMaxRequestsQueuedPerDestination(100_000);
        client.setConnectTimeout(5_000);
        client.setIdleTimeout(30_000);
        // Jetty keeps a destination (pool, queue, a bean of the client) per host:port for ever by
        // default: a hub that sent to thousands of hosts kept them all, and each new connection
        // walks the client's beans. One idle for a minute is dropped and made again when needed.
        client.setDestinationIdleTimeout(60_000);
        // A receiver's cookie must not ride on later requests: the client is shared by every
        // business, and a webhook is not a browser session. (Matching them also cost a URI per request.)
        client.setHttpCookieStore(new HttpCookieStore.Empty());
        client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, "Hookline/" + Version.get()));
        ScheduledExecutorScheduler scheduler = new ScheduledExecutorScheduler(threadName + "-scheduler", true);
        client.setScheduler(scheduler);
        client.setMaxResponseHeadersSize(MAX_RESPONSE_HEADERS);
        // the resolver must be in place before start; look-ups run on their own bounded pool, not the client's
        BoundedResolver dns = new BoundedResolver(InetAddress::getAllByName, BoundedResolver.Limits.DEFAULT, scheduler, threadName + "-dns");
        client.setSocketAddressResolver(new GuardedResolver(dns, policy.allowPrivate()));
        client.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStopped(LifeCycle stopped) {
                dns.close();
            }
        });
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the HTTP client: " + e.getMessage(), e);
        }
        // A 401/407 is the receiver's answer for the connector to classify, not a challenge to answer:
        // with these handlers (added by start) a 401 without WWW-Authenticate (Make, Discord) fails as
        // a protocol violation and the connector never sees the status.
        client.getProtocolHandlers().remove(WWWAuthenticationProtocolHandler.NAME);
        client.getProtocolHandlers().remove(ProxyAuthenticationProtocolHandler.NAME);
        return client;
    }

    /** Stops a client, logging nothing: used on shutdown. */
    public static void stop(HttpClient client) {
        try {
            client.stop();
        } catch (Exception ignored) {
            // shutting down anyway
        }
    }

}
