package dev.hookline.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The hub as a separate OS process (the real {@code Main}), so a test can SIGKILL it. */
public final class HubProcess implements AutoCloseable {
    private static final Pattern PORT = Pattern.compile("listening on port (\\d+)");
    private final Process process;
    private final Path log;
    private final int port;

    private HubProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    public static HubProcess start(Path dataDir, Map<String, String> env) throws IOException, InterruptedException {
        Path log = Files.createTempFile(dataDir.getParent(), "hub", ".log");
        ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.hookline.Main"));
        pb.environment().keySet().removeIf(k -> k.startsWith("HOOKLINE_"));
        pb.environment().putAll(env);
        pb.environment().put("HOOKLINE_DATA_DIR", dataDir.toString());
        pb.environment().put("HOOKLINE_PORT", "0");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = pb.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos(); // generous: a shared, loaded machine
        while (System.nanoTime() < deadline) {
            Matcher m = PORT.matcher(Files.readString(log));
            if (m.find()) return new HubProcess(p, log, Integer.parseInt(m.group(1)));
            if (!p.isAlive()) throw new IllegalStateException("hub exited: " + Files.readString(log));
            Thread.sleep(50);
        }
        p.destroyForcibly();
        throw new IllegalStateException("hub did not start: " + Files.readString(log));
    }

    public int port() {
        return port;
    }

    public String output() throws IOException {
        return Files.readString(log);
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM and wait for a clean exit. */
    public int terminate(Duration max) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(max.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) kill();
    }
}
