package dev.hookline.net;

import dev.hookline.config.Durations;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Name look-ups for the outgoing clients, bounded so that a slow or dead resolver cannot starve
 * them. The JDK's look-up blocks its thread; Jetty's own asynchronous resolver runs it on the
 * client's pool, so a few dozen names that take 5 s each could hold every thread the client sends
 * and reads with. Here look-ups run on a small pool of their own ({@link Limits#threads}) with a
 * short queue; a look-up that does not finish in {@link Limits#timeout} fails its callers (its
 * thread keeps the slot until the JDK returns); callers asking for a name already being looked up
 * share that look-up, so one slow name takes one thread however many deliveries wait for it. IP
 * literals need no look-up. Thread-safe; {@link #close} stops the pool.
 */
public final class BoundedResolver implements SocketAddressResolver, AutoCloseable {

    /** The blocking look-up itself: {@code InetAddress::getAllByName} outside tests. */
    @FunctionalInterface
    public interface Lookup {
        InetAddress[] all(String host) throws UnknownHostException;
    }

    /** Look-up threads, look-ups queued beyond them, and how long one may take. */
    public record Limits(int threads, int queued, Duration timeout) {
        public static final Limits DEFAULT = new Limits(8, 256, Duration.ofSeconds(5));
    }

    private final Lookup lookup;
    private final Limits limits;
    private final Scheduler scheduler;
    private final ThreadPoolExecutor pool;
    private final ConcurrentHashMap<String, CompletableFuture<InetAddress[]>> inFlight = new ConcurrentHashMap<>();

    public BoundedResolver(Lookup lookup, Limits limits, Scheduler scheduler, String threadName) {
        this.lookup = lookup;
        this.limits = limits;
        this.scheduler = scheduler;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(limits.threads(), limits.threads(), 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(limits.queued()),
                r -> {
                    Thread t = new Thread(r, threadName + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
    }

    @Override
    public void resolve(String host, int port, Map<String, Object> context, Promise<List<InetSocketAddress>> promise) {
        if (isLiteral(host)) {
            try {
                promise.succeeded(List.of(new InetSocketAddress(InetAddress.getByName(host), port)));
            } catch (UnknownHostException | RuntimeException e) {
                promise.failed(e);
            }
            return;
        }
        CompletableFuture<InetAddress[]> mine = new CompletableFuture<>();
        CompletableFuture<InetAddress[]> running = inFlight.putIfAbsent(host, mine);
        if (running == null) {
            start(host, mine);
            running = mine;
        }
        running.whenComplete((addresses, failure) -> {
            if (failure != null) {
                promise.failed(failure);
                return;
            }
            List<InetSocketAddress> out = new ArrayList<>(addresses.length);
            for (InetAddress a : addresses) out.add(new InetSocketAddress(a, port));
            promise.succeeded(out);
        });
    }

    /** Look-ups running or queued now, timed-out ones included until the resolver returns. */
    public int pending() {
        return inFlight.size();
    }

    /**
     * Runs the look-up of {@code host} (already in the map as {@code f}) on the pool. It leaves the
     * map when the look-up returns, not when it times out: meanwhile callers for that name fail
     * at once instead of taking another thread.
     */
    private void start(String host, CompletableFuture<InetAddress[]> f) {
        try {
            pool.execute(() -> {
                try {
                    f.complete(lookup.all(host));
                } catch (Throwable t) {
                    f.completeExceptionally(t);
                } finally {
                    inFlight.remove(host, f);
                }
            });
        } catch (RejectedExecutionException full) {
            inFlight.remove(host, f);
            f.completeExceptionally(new UnknownHostException("DNS look-up of " + host + " not started: "
                    + (limits.threads() + limits.queued()) + " look-ups already wait for a slow resolver"));
            return;
        }
        scheduler.schedule(() -> f.completeExceptionally(new UnknownHostException(
                "DNS look-up of " + host + " took longer than " + Durations.format(limits.timeout()))), limits.timeout().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** IPv4 dotted quads and IPv6 literals (with or without brackets) resolve without DNS. */
    static boolean isLiteral(String host) {
        return host.indexOf(':') >= 0 || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
