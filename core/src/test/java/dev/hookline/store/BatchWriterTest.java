package dev.hookline.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one writer's promises under pressure, on a real SQLite file: bounded queue, bounded waits, store failures fail fast. */
class BatchWriterTest {
    /** Stands for a failure of the store itself (disk full, locked): the hooks below say so. */
    static final class DiskGone extends RuntimeException {
        DiskGone() {
            super("disk gone");
        }
    }

    @TempDir Path dir;
    Jdbi jdbi;
    BatchWriter writer;

    @BeforeEach
    void open() {
        jdbi = Jdbi.create("jdbc:sqlite:" + dir.resolve("w.db"));
        jdbi.useHandle(h -> h.execute("CREATE TABLE t (v TEXT)"));
    }

    @AfterEach
    void close() {
        if (writer != null) writer.close();
    }

    private BatchWriter start(int capacity, Duration wait) {
        writer = new BatchWriter("test-writer", jdbi, failure -> failure instanceof DiskGone
                ? new StoreUnavailableException("disk gone", 7, failure) : null, capacity, wait);
        writer.start();
        return writer;
    }

    private int rows() {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM t").mapTo(Integer.class).one());
    }

    @Test
    void aStoreFailureFailsTheWholeBatchAtOnceAndHealthReturnsWithTheNextCommit() {
        start(100, Duration.ofSeconds(5));
        assertThatThrownBy(() -> writer.write(h -> {
            h.execute("INSERT INTO t VALUES ('lost')");
            throw new DiskGone();
        })).isInstanceOf(StoreUnavailableException.class).hasMessage("disk gone");
        assertThat(writer.healthy()).as("writes fail for the store's own reason").isFalse();
        assertThat(((StoreUnavailableException) writer.failure()).retryAfterSeconds()).isEqualTo(7);
        writer.write(h -> h.execute("INSERT INTO t VALUES ('kept')"));
        assertThat(writer.healthy()).isTrue();
        assertThat(rows()).as("nothing of the failed batch was committed").isEqualTo(1);
    }

    @Test
    void aWriteThatThrowsItsOwnErrorRollsBackOnlyItself() throws Exception {
        start(100, Duration.ofSeconds(5));
        Held held = holdWriter();
        CompletableFuture<Object> good = writer.submit(h -> h.execute("INSERT INTO t VALUES ('a')"));
        CompletableFuture<Object> bad = writer.submit(h -> {
            h.execute("INSERT INTO t VALUES ('b')");
            throw new IllegalArgumentException("this write gives up");
        });
        CompletableFuture<Object> alsoGood = writer.submit(h -> h.execute("INSERT INTO t VALUES ('c')"));
        held.release().countDown();
        held.batch().get(5, TimeUnit.SECONDS);
        good.get(5, TimeUnit.SECONDS);
        alsoGood.get(5, TimeUnit.SECONDS);
        assertThatThrownBy(() -> bad.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalArgumentException.class);
        assertThat(rows()).isEqualTo(2);
        assertThat(writer.healthy()).isTrue();
    }

    @Test
    void theQueueAndEveryWaitAreBoundedAndAWriteThatTimedOutNeverRuns() throws Exception {
        start(2, Duration.ofMillis(200));
        Held held = holdWriter(); // the queue is empty
        AtomicBoolean ran = new AtomicBoolean();
        CompletableFuture<Object> queued = writer.submit(h -> h.execute("INSERT INTO t VALUES ('queued')"));
        long start = System.nanoTime();
        assertThatThrownBy(() -> writer.write(h -> {
            ran.set(true);
            return h.execute("INSERT INTO t VALUES ('given up')");
        })).isInstanceOf(StoreUnavailableException.class).hasMessageContaining("busy");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the caller waited its bound, not longer").isLessThan(Duration.ofSeconds(5));
        writer.submit(h -> null); // fills the queue (capacity 2: queued + this one)
        CompletableFuture<Object> refused = writer.submit(h -> h.execute("INSERT INTO t VALUES ('refused')"));
        assertThatThrownBy(() -> refused.get(1, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(StoreUnavailableException.class).hasMessageContaining("queue is full");
        held.release().countDown();
        held.batch().get(5, TimeUnit.SECONDS);
        queued.get(5, TimeUnit.SECONDS);
        writer.write(h -> null);
        assertThat(ran).as("a write whose caller was told 503 must not be stored afterwards").isFalse();
        assertThat(rows()).isEqualTo(1);
    }

    @Test
    void anAsyncWriteNotBegunWithinTheWaitIsRefusedAsBusyAndNeverRuns() throws Exception {
        start(100, Duration.ofMillis(200));
        Held held = holdWriter();
        AtomicBoolean ran = new AtomicBoolean();
        CompletableFuture<Integer> late = writer.writeAsync(h -> {
            ran.set(true);
            return h.execute("INSERT INTO t VALUES ('late')");
        });
        CompletableFuture<Object> untimed = writer.submit(h -> h.execute("INSERT INTO t VALUES ('untimed')"));
        assertThatThrownBy(() -> late.get(5, TimeUnit.SECONDS)).as("refused while the writer is still stuck, not when it frees")
                .hasCauseInstanceOf(StoreUnavailableException.class).hasMessageContaining("busy");
        assertThat(untimed).as("a write without a deadline waits its turn").isNotDone();
        held.release().countDown();
        held.batch().get(5, TimeUnit.SECONDS);
        untimed.get(5, TimeUnit.SECONDS);
        assertThat(writer.writeAsync(h -> h.execute("INSERT INTO t VALUES ('on time')")).get(5, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(ran).as("a write whose caller was told 503 must not be stored afterwards").isFalse();
        assertThat(rows()).isEqualTo(2);
    }

    @Test
    void aWriteMadeWhereACommitCompletesCommitsAtOnceInsteadOfWaitingForItself() throws Exception {
        start(100, Duration.ofSeconds(5));
        Held held = holdWriter();
        AtomicBoolean onWriter = new AtomicBoolean();
        CompletableFuture<Integer> chained = writer.writeAsync(h -> h.execute("INSERT INTO t VALUES ('first')"))
                .thenApply(n -> {
                    onWriter.set(Thread.currentThread().getName().equals("test-writer"));
                    return writer.write(h -> h.execute("INSERT INTO t VALUES ('second')"));
                });
        long start = System.nanoTime();
        held.release().countDown(); // the first write commits in the next batch, and its completion runs on the writer's thread
        assertThat(chained.get(5, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not the writer's 5 s wait for itself").isLessThan(Duration.ofSeconds(4));
        assertThat(onWriter).isTrue();
        assertThat(rows()).isEqualTo(2);
    }

    /** A write that keeps the writer inside its batch until {@code release} is counted down. */
    private record Held(CountDownLatch release, CompletableFuture<Object> batch) {}

    /** Returns once the writer is inside the holding write's batch, so what is queued next waits for the next batch. */
    private Held holdWriter() throws InterruptedException {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Object> batch = writer.submit(h -> {
            inside.countDown();
            await(release);
            return null;
        });
        assertThat(inside.await(5, TimeUnit.SECONDS)).as("the writer took the holding write").isTrue();
        return new Held(release, batch);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
