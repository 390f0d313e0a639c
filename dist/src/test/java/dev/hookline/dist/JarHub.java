package dev.hookline.dist;

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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code java -jar hookline.jar} as a child process on loopback, its log (stdout and stderr) in a file. */
final class JarHub implements AutoCloseable {
    static final Pattern PORT = Pattern.compile("listening on port (\\d+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    final Process process;
    final Path log;
    final int port;

    private JarHub(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts the jar with only {@code env} of the HOOKLINE_ variables (plus port 0) and waits for its port. */
    static JarHub start(Path log, Map<String, String> env, String... args) throws IOException, InterruptedException {
        return start(log, env, List.of(), args);
    }

    /** The same with JVM options before {@code -jar}. */
    static JarHub start(Path log, Map<String, String> env, List<String> jvmArgs, String... args) throws IOException, InterruptedException {
        Process p = run(log, env, jvmArgs, args);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos(); // generous: CI machines can be crowded
        while (System.nanoTime() < deadline) {
            Matcher m = PORT.matcher(Files.readString(log));
            if (m.find()) return new JarHub(p, log, Integer.parseInt(m.group(1)));
            if (!p.isAlive()) throw new AssertionError("the hub exited: " + Files.readString(log));
            Thread.sleep(50);
        }
        p.destroyForcibly().waitFor();
        throw new AssertionError("the hub did not start: " + Files.readString(log));
    }

    /** Runs the jar with {@code args} (a sub-command, say) and the given variables; output to {@code log}. */
    static Process run(Path log, Map<String, String> env, String... args) throws IOException {
        return run(log, env, List.of(), args);
    }

    private static Process run(Path log, Map<String, String> env, List<String> jvmArgs, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-jar", ExamplePlugins.hooklineJar().toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("HOOKLINE_"));
        pb.environment().put("HOOKLINE_PORT", "0");
        pb.environment().putAll(env);
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        return pb.start();
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    HttpResponse<String> send(String method, String path, String key, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) b.header("Content-Type", "application/json");
        if (key != null) b.header("Authorization", "Bearer " + key);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    /** SIGTERM, then waits for the clean stop (SIGKILL after 20 s). */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) stop();
    }
}
