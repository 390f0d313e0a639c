package dev.hookline.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.testing.Receiver;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar hookline.jar backup FILE} while calls keep arriving, then the README's restore:
 * the copy as {@code hookline.db} of a fresh data dir, a hub started on it. Every call answered 201
 * before the backup began is there.
 */
class BackupIT {
    static final String KEY = "hk_backup_test_key_0123456789";
    @TempDir Path dir;

    record Accepted(String callId, long sentNanos, long answeredNanos) {}

    /** The 99th percentile in ms of the calls sent and answered between {@code from} and {@code to}. */
    private static double p99(ConcurrentLinkedQueue<Accepted> all, long from, long to) {
        long[] ms = all.stream().filter(a -> a.sentNanos() >= from && a.answeredNanos() <= to)
                .mapToLong(a -> a.answeredNanos() - a.sentNanos()).sorted().toArray();
        return ms.length == 0 ? Double.NaN : ms[(int) Math.min(ms.length - 1, Math.ceil(ms.length * 0.99) - 1)] / 1e6;
    }

    @Test
    void aBackupTakenUnderLoadRestoresEveryCallAcceptedBeforeIt() throws Exception {
        Path live = dir.resolve("live");
        Path backup = dir.resolve("hookline-backup.db");
        ConcurrentLinkedQueue<Accepted> accepted = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        long backupStarted;
        try (Receiver receiver = Receiver.start();
             JarHub hub = JarHub.start(dir.resolve("live.log"), Map.of("HOOKLINE_DATA_DIR", live.toString(), "HOOKLINE_API_KEY", KEY,
                     "HOOKLINE_ALLOW_PRIVATE_TARGETS", "true"))) {
            HttpResponse<String> flow = hub.send("POST", "/api/v1/call-flows", KEY, """
                    {"name": "Ads", "tracking_numbers": ["+15735550003"], "post_call_webhook": {"enabled": true, "url": "%s"}}"""
                    .formatted(receiver.url("/hook")));
            assertThat(flow.statusCode()).as(flow.body()).isEqualTo(201);

            AtomicBoolean posting = new AtomicBoolean(true);
            AtomicInteger seq = new AtomicInteger();
            List<Thread> posters = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread poster = new Thread(() -> {
                    while (posting.get() && seq.get() < 200_000) {
                        String id = "bk-" + seq.incrementAndGet();
                        long sent = System.nanoTime();
                        try {
                            HttpResponse<String> r = hub.send("POST", "/api/v1/calls", KEY, """
                                    {"call_id": "%s", "tracking_number": "+15735550003", "caller_number": "+13055559876", "status": "completed"}"""
                                    .formatted(id));
                            if (r.statusCode() == 201) accepted.add(new Accepted(id, sent, System.nanoTime()));
                            else errors.incrementAndGet();
                        } catch (Exception e) {
                            errors.incrementAndGet();
                        }
                    }
                });
                poster.start();
                posters.add(poster);
            }
            long warm = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (accepted.size() < 300 && System.nanoTime() < warm) Thread.sleep(20); // load running before the backup begins
            backupStarted = System.nanoTime();
            Process backupRun = JarHub.run(dir.resolve("backup.log"), Map.of("HOOKLINE_DATA_DIR", live.toString()),
                    "backup", backup.toString());
            assertThat(backupRun.waitFor(120, TimeUnit.SECONDS)).as("backup finished").isTrue();
            long backupEnded = System.nanoTime();
            long during = accepted.stream().filter(a -> a.sentNanos() >= backupStarted && a.answeredNanos() <= backupEnded).count();
            System.out.printf("backup took %d ms with %d calls accepted before it began; %d calls accepted while it ran; "
                    + "POST /calls p99 %.1f ms in the 2 s before it, %.1f ms while it ran%n",
                    (backupEnded - backupStarted) / 1_000_000, accepted.stream().filter(a -> a.answeredNanos() < backupStarted).count(), during,
                    p99(accepted, backupStarted - 2_000_000_000L, backupStarted), p99(accepted, backupStarted, backupEnded));
            Thread.sleep(500); // and after it ended
            posting.set(false);
            for (Thread t : posters) t.join(30_000);
            assertThat(backupRun.exitValue()).as(Files.readString(dir.resolve("backup.log"))).isZero();
            assertThat(errors.get()).isZero();
            assertThat(accepted.stream().filter(a -> a.answeredNanos() > backupEnded)).as("calls went on during and after the backup").isNotEmpty();
        }

        // restore: a fresh data dir whose hookline.db is the backup
        Path restored = dir.resolve("restored");
        Files.createDirectories(restored);
        Files.copy(backup, restored.resolve("hookline.db"));
        List<String> before = accepted.stream().filter(a -> a.answeredNanos() < backupStarted).map(Accepted::callId).toList();
        assertThat(before).hasSizeGreaterThanOrEqualTo(300);
        try (JarHub hub = JarHub.start(dir.resolve("restored.log"), Map.of("HOOKLINE_DATA_DIR", restored.toString(), "HOOKLINE_API_KEY", KEY))) {
            List<String> missing = new ArrayList<>();
            for (String id : before) {
                if (hub.send("GET", "/api/v1/calls/" + id, KEY, null).statusCode() != 200) missing.add(id);
            }
            assertThat(missing).as("calls answered 201 before the backup began, missing from the restore (of " + before.size() + ")").isEmpty();
            // the restored hub is usable: it takes a new call
            HttpResponse<String> r = hub.send("POST", "/api/v1/calls", KEY, """
                    {"call_id": "after-restore", "tracking_number": "+15735550003", "caller_number": "+13055559876", "status": "completed"}""");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        }
    }
}
