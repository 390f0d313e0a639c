package dev.hookline.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A resolver that hangs takes a bounded share of look-up threads and never the client's. */
class BoundedResolverTest {
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger lookups = new AtomicInteger();
    private final ScheduledExecutorScheduler scheduler = new ScheduledExecutorScheduler("test-dns-timer", true);
    private BoundedResolver resolver;

    /** Names under slow.example hang until released; every other name is 127.0.0.1 at once. */
    private InetAddress[] dns(String host) throws UnknownHostException {
        lookups.incrementAndGet();
        if (host.endsWith("slow.example")) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new InetAddress[] {InetAddress.getLoopbackAddress()};
    }

    @BeforeEach
    void start() throws Exception {
        scheduler.start();
        resolver = new BoundedResolver(this::dns, new BoundedResolver.Limits(2, 2, Duration.ofMillis(200)), scheduler, "test-dns");
    }

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        resolver.close();
        scheduler.stop();
    }

    @Test
    void aSlowLookUpFailsItsCallersAfterTheTimeout() {
        Throwable failure = failureOf(resolve("a.slow.example"));
        assertThat(failure).isInstanceOf(UnknownHostException.class).hasMessage("DNS look-up of a.slow.example took longer than 200ms");
    }

    @Test
    void callersOfOneSlowNameShareOneLookUp() {
        List<CompletableFuture<List<InetSocketAddress>>> waiting = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) waiting.add(resolve("a.slow.example"));
        for (CompletableFuture<List<InetSocketAddress>> f : waiting) assertThat(failureOf(f)).isInstanceOf(UnknownHostException.class);
        assertThat(lookups.get()).isEqualTo(1);
    }

    @Test
    void beyondThePoolAndQueueALookUpFailsAtOnceAndOthersStillResolve() throws Exception {
        for (int i = 0; i < 4; i++) resolve(i + ".slow.example"); // 2 running, 2 queued
        Throwable full = failureOf(resolve("5.slow.example"));
        assertThat(full).isInstanceOf(UnknownHostException.class).hasMessageContaining("not started");
        assertThat(resolver.pending()).isEqualTo(4);
        // literals never wait for the resolver
        assertThat(resolve("127.0.0.1").get(1, TimeUnit.SECONDS)).extracting(InetSocketAddress::getPort).containsExactly(443);
        assertThat(resolve("::1").get(1, TimeUnit.SECONDS)).hasSize(1);
        // once the resolver answers, the look-ups it held end, the threads are free again and names resolve
        release.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (resolver.pending() > 0 && System.nanoTime() < deadline) Thread.onSpinWait();
        assertThat(resolver.pending()).isZero();
        assertThat(resolve("fast.example").get(5, TimeUnit.SECONDS)).hasSize(1);
    }

    private CompletableFuture<List<InetSocketAddress>> resolve(String host) {
        CompletableFuture<List<InetSocketAddress>> out = new CompletableFuture<>();
        resolver.resolve(host, 443, new HashMap<>(), Promise.from(out::complete, out::completeExceptionally));
        return out;
    }

    private static Throwable failureOf(CompletableFuture<?> f) {
        try {
            f.get(5, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
