package dev.hookline.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The store on a small tmpfs that fills up while calls arrive: every answer must be a 201 or a 503
 * (never a 500 or a hang), every 201'd call must be there once space returns and after a restart,
 * and the hub must take calls again by itself. Needs root (it mounts the tmpfs); `--only=diskfull`.
 */
final class DiskFullCampaign {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SMALL_MB = 12;
    private static final int LARGE_MB = 256;

    private DiskFullCampaign() {}

    static void run(Path jar, Path work, Results results, boolean quick) throws Exception {
        if (!"root".equals(System.getProperty("user.name"))) {
            System.out.println("diskfull: skipped (mounting a tmpfs needs root)");
            return;
        }
        Path mount = Files.createTempDirectory(work, "diskfull");
        sh("mount", "-t", "tmpfs", "-o", "size=" + SMALL_MB + "m", "tmpfs", mount.toString());
        try (BenchReceiver receiver = new BenchReceiver("127.0.0.1", BenchReceiver.Mode.OK, 16); LoadClient load = new LoadClient(16)) {
            Path data = Files.createDirectories(mount.resolve("data"));
            Set<String> accepted = ConcurrentHashMap.newKeySet();
            Map<Integer, Integer> statuses = new TreeMap<>();
            long firstFull;
            double recoveryMs;
            try (HubUnderTest hub = HubUnderTest.start(jar, data, work, Map.of())) {
                post(load, hub, "/api/v1/call-flows", Payloads.flow("Disk full", "+15735550009", receiver.url("/hook")));
                int[] next = {0};
                // fill the disk: until the hub has answered 503 to 500 calls in a row
                long start = System.nanoTime();
                int consecutive503 = 0;
                while (consecutive503 < 500 && System.nanoTime() - start < 180e9) {
                    int status = batch(load, hub, next, 50, accepted, statuses);
                    consecutive503 = status == 503 ? consecutive503 + 50 : 0;
                }
                firstFull = accepted.size();
                // space returns: the hub must take calls again without a restart
                sh("mount", "-o", "remount,size=" + LARGE_MB + "m", mount.toString());
                long freed = System.nanoTime();
                int okAfter = 0;
                double recovered = Double.NaN;
                while (okAfter < (quick ? 200 : 2_000) && System.nanoTime() - freed < 120e9) {
                    int status = batch(load, hub, next, 50, accepted, statuses);
                    if (status == 201) {
                        if (Double.isNaN(recovered)) recovered = (System.nanoTime() - freed) / 1e6;
                        okAfter += 50;
                    }
                }
                recoveryMs = recovered;
                results.add("diskfull", "missing while running (of " + accepted.size() + " 201'd)", missing(load, hub, accepted), "calls");
            }
            try (HubUnderTest again = HubUnderTest.start(jar, data, work, Map.of())) {
                results.add("diskfull", "missing after a restart", missing(load, again, accepted), "calls");
            }
            results.add("diskfull", "calls 201'd before the disk filled", firstFull, "calls");
            statuses.forEach((status, n) -> results.add("diskfull", "answers " + (status < 0 ? "without a status" : "HTTP " + status), n, "answers"));
            results.add("diskfull", "first 201 after space returned", recoveryMs, "ms");
        } finally {
            sh("umount", "-l", mount.toString());
        }
    }

    /** Posts {@code n} calls at once; returns the status most of them got. */
    private static int batch(LoadClient load, HubUnderTest hub, int[] next, int n, Set<String> accepted, Map<Integer, Integer> statuses)
            throws Exception {
        List<CompletableFuture<LoadClient.Reply>> replies = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = "full-" + next[0]++;
            ids.add(id);
            replies.add(load.post(hub.base() + "/api/v1/calls", "application/json", Payloads.callReport(id, "+15735550009"), HubUnderTest.KEY));
        }
        Map<Integer, Integer> here = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            LoadClient.Reply r = replies.get(i).get();
            if (r.status() == 201) accepted.add(ids.get(i));
            here.merge(r.status(), 1, Integer::sum);
            synchronized (statuses) {
                statuses.merge(r.status(), 1, Integer::sum);
            }
        }
        return here.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    private static int missing(LoadClient load, HubUnderTest hub, Set<String> accepted) throws Exception {
        int missing = 0;
        for (String id : accepted) {
            LoadClient.Reply r = load.get(hub.base() + "/api/v1/calls/" + id, HubUnderTest.KEY).get();
            if (r.status() != 200 || !id.equals(JSON.readTree(r.body()).path("call_id").asText())) missing++;
        }
        return missing;
    }

    private static void post(LoadClient load, HubUnderTest hub, String path, String body) throws Exception {
        LoadClient.Reply r = load.post(hub.base() + path, "application/json", body, HubUnderTest.KEY).get();
        if (r.status() != 201) throw new IllegalStateException("POST " + path + " answered " + r.status() + ": " + r.body());
    }

    private static void sh(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (p.waitFor() != 0) throw new IllegalStateException(String.join(" ", cmd) + " failed");
    }
}
