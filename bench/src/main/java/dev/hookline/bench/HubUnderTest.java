package dev.hookline.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The real hub jar as a child process on a temp data dir, with a GC log for its peak heap. */
final class HubUnderTest implements AutoCloseable {
    static final String KEY = "hk_bench_key_0123456789abcdef";
    private static final Pattern PORT = Pattern.compile("listening on port (\\d+)");
    private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
    private static final Pattern GC_AT = Pattern.compile("^\\[(\\d+\\.\\d+)s\\].*?(\\d+)M->(\\d+)M\\(");

    final Process process;
    final Path dataDir;
    final Path log;
    final Path gcLog;
    final int port;
    final long startedNanos;
    final long healthyNanos;

    private HubUnderTest(Process p, Path dataDir, Path log, Path gcLog, int port, long startedNanos, long healthyNanos) {
        this.process = p;
        this.dataDir = dataDir;
        this.log = log;
        this.gcLog = gcLog;
        this.port = port;
        this.startedNanos = startedNanos;
        this.healthyNanos = healthyNanos;
    }

    static HubUnderTest start(Path jar, Path work, Map<String, String> env) throws IOException, InterruptedException {
        return start(jar, Files.createTempDirectory(work, "hub"), work, env);
    }

    /** A hub on an existing data dir (e.g. a second process on what the first one left), its logs beside it. */
    static HubUnderTest start(Path jar, Path dataDir, String run, Map<String, String> env) throws IOException, InterruptedException {
        return start(jar, dataDir, dataDir.getParent(), env);
    }

    /** A hub on a data directory of the caller's (its log and GC log go to {@code logs}). */
    static HubUnderTest start(Path jar, Path dataDir, Path logs, Map<String, String> env) throws IOException, InterruptedException {
        return start(jar, dataDir, logs, env, List.of());
    }

    /** As above, with JVM flags of the caller's before {@code -jar} (e.g. a class-data archive). */
    static HubUnderTest start(Path jar, Path dataDir, Path logs, Map<String, String> env, List<String> jvmArgs)
            throws IOException, InterruptedException {
        Path log = logs.resolve(dataDir.getFileName() + "-" + System.nanoTime() + ".log");
        Path gcLog = logs.resolve(dataDir.getFileName() + "-" + System.nanoTime() + "-gc.log");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Xlog:gc:file=" + gcLog));
        // extra JVM flags for the hub, e.g. a profiler: BENCH_HUB_JVM_ARGS="-XX:StartFlightRecording=filename=hub.jfr"
        String extra = System.getenv("BENCH_HUB_JVM_ARGS");
        if (extra != null && !extra.isBlank()) cmd.addAll(List.of(extra.trim().split("\\s+")));
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("HOOKLINE_"));
        pb.environment().put("HOOKLINE_DATA_DIR", dataDir.toString());
        pb.environment().put("HOOKLINE_PORT", "0");
        pb.environment().put("HOOKLINE_API_KEY", KEY);
        pb.environment().put("HOOKLINE_ALLOW_PRIVATE_TARGETS", "true");
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        Process p = pb.start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        int port = -1;
        long deadline = t0 + Duration.ofSeconds(180).toNanos(); // a machine shared with other builds can take minutes
        while (System.nanoTime() < deadline) {
            if (port < 0) {
                Matcher m = PORT.matcher(Files.readString(log));
                if (m.find()) port = Integer.parseInt(m.group(1));
            }
            if (port > 0) {
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) return new HubUnderTest(p, dataDir, log, gcLog, port, t0, System.nanoTime());
                } catch (IOException notYet) {
                    // the port is logged just before the server takes requests
                }
            }
            if (!p.isAlive()) throw new IllegalStateException("the hub exited: " + Files.readString(log));
            Thread.sleep(2);
        }
        p.destroyForcibly();
        throw new IllegalStateException("the hub did not become healthy: " + Files.readString(log));
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    double startupMillis() {
        return (healthyNanos - startedNanos) / 1e6;
    }

    /** Resident set size now and at its peak, in MiB, from /proc. */
    long[] rssMiB() throws IOException {
        long rss = 0, hwm = 0;
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) rss = Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            if (line.startsWith("VmHWM:")) hwm = Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        }
        return new long[] {rss, hwm};
    }

    /** The most heap the GC log saw in use (before a collection), and the heap's committed size, in MiB. */
    long[] peakHeapMiB() throws IOException {
        long peak = 0, committed = 0;
        if (!Files.exists(gcLog)) return new long[] {0, 0};
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = GC.matcher(line);
            if (m.find()) {
                peak = Math.max(peak, Long.parseLong(m.group(1)));
                committed = Math.max(committed, Long.parseLong(m.group(3)));
            }
        }
        return new long[] {peak, committed};
    }

    /**
     * Heap the hub allocated between two moments ({@link System#nanoTime} of this process), in MiB:
     * what each collection in between found in use, less what the one before it left. Like CPU per
     * call, allocation per call is steadier than rates on a shared machine, and it sets how often
     * the hub pauses for the GC.
     */
    double allocatedMiB(long fromNanos, long toNanos) throws IOException {
        double from = (fromNanos - startedNanos) / 1e9, to = (toNanos - startedNanos) / 1e9;
        long total = 0, lastAfter = -1;
        if (!Files.exists(gcLog)) return Double.NaN;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = GC_AT.matcher(line);
            if (!m.find()) continue;
            double at = Double.parseDouble(m.group(1));
            long before = Long.parseLong(m.group(2)), after = Long.parseLong(m.group(3));
            if (at > from && at <= to && lastAfter >= 0) total += Math.max(0, before - lastAfter);
            lastAfter = after;
        }
        return total;
    }

    /** CPU time the hub process has used so far (user + system), in ms. */
    double cpuMillis() {
        return Loads.cpuMillis(process.toHandle());
    }

    /** The database file alone, in bytes. */
    long databaseFileBytes() throws IOException {
        Path p = dataDir.resolve("hookline.db");
        return Files.exists(p) ? Files.size(p) : 0;
    }

    long databaseBytes() throws IOException {
        long n = 0;
        for (String f : new String[] {"hookline.db", "hookline.db-wal", "hookline.db-shm"}) {
            Path p = dataDir.resolve(f);
            if (Files.exists(p)) n += Files.size(p);
        }
        return n;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    }
}
