package dev.hookline.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server for tests: Debian's {@code postgresql} binaries, a cluster made
 * with {@code initdb} in a temp directory (owned by the {@code postgres} user when run as root,
 * since the server refuses root), listening on a free loopback port only, its socket in that
 * directory. {@link #shared()} is one per JVM; every cluster is stopped and deleted when the JVM
 * exits. Each test gets a schema of its own ({@link #newSchemaUrl()}).
 */
public final class PgCluster implements AutoCloseable {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static PgCluster shared;

    private final Path bin;
    private final Path dir;
    private final Path data;
    private final int port;
    private final boolean asPostgres;
    private volatile boolean running;

    private PgCluster(Path bin, Path dir, int port, boolean asPostgres) {
        this.bin = bin;
        this.dir = dir;
        this.data = dir.resolve("data");
        this.port = port;
        this.asPostgres = asPostgres;
    }

    /** The JVM's cluster, started on first use, with a database {@code hookline}. */
    public static synchronized PgCluster shared() {
        if (shared == null) {
            shared = start();
            shared.createDatabase("hookline");
        }
        return shared;
    }

    /** A new cluster of its own (a test that stops its server uses one). */
    public static PgCluster start() {
        try {
            Path bin = binaries();
            Path dir = Files.createTempDirectory("hookline-pg");
            boolean root = "root".equals(System.getProperty("user.name"));
            if (root) {
                UserPrincipal pg = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
                Files.setOwner(dir, pg);
            }
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            PgCluster c = new PgCluster(bin, dir, freePort(), root);
            c.run(List.of(bin.resolve("initdb").toString(), "-D", c.data.toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                    "--locale=C", "--no-sync"));
            Runtime.getRuntime().addShutdownHook(new Thread(c::close, "pg-cluster-stop"));
            c.startServer();
            return c;
        } catch (IOException e) {
            throw new IllegalStateException("cannot make a PostgreSQL cluster: " + e.getMessage(), e);
        }
    }

    /** The newest installed server's binaries (Debian: /usr/lib/postgresql/N/bin). */
    static Path binaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("PostgreSQL is not installed: apt-get install -y postgresql (tests start a throw-away server)");
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.filter(p -> Files.isExecutable(p.resolve("bin/pg_ctl")))
                    .max(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString().replaceAll("\\D.*", ""))))
                    .map(p -> p.resolve("bin"))
                    .orElseThrow(() -> new IllegalStateException("no pg_ctl under " + root));
        }
    }

    /** Starts the server (again, after {@link #stopServer}). */
    public synchronized void startServer() {
        if (running) return;
        for (int attempt = 1; ; attempt++) {
            try {
                startOnce();
                running = true;
                return;
            } catch (IllegalStateException e) {
                if (attempt == 3) throw e;
                try {
                    Thread.sleep(1_000); // the stopped server's last processes may still be leaving
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private void startOnce() {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("server.log").toString(), "-w", "-t", "60",
                "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -k " + dir + " -c max_connections=300 -c fsync=off"
                        + " -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=64MB",
                "start"));
    }

    /** Stops the server: open connections are cut, new ones refused. */
    public synchronized void stopServer() {
        if (!running) return;
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-t", "60", "-m", "fast", "stop"));
        running = false;
    }

    public int port() {
        return port;
    }

    /** A URL of {@code database} as HOOKLINE_DATABASE_URL takes it. */
    public String url(String database) {
        return "postgresql://postgres@127.0.0.1:" + port + "/" + database;
    }

    /** A new empty schema in database {@code hookline}; the URL makes it the store's. */
    public String newSchemaUrl() {
        String schema = "t" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
        execute("hookline", "CREATE SCHEMA " + schema);
        return url("hookline") + "?currentSchema=" + schema;
    }

    public void createDatabase(String name) {
        execute("postgres", "CREATE DATABASE " + name);
    }

    /** Runs {@code sql} in {@code database} as the superuser. */
    public void execute(String database, String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, "postgres", "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private void run(List<String> command) {
        List<String> cmd = new ArrayList<>();
        if (asPostgres) cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        cmd.addAll(command);
        try {
            Path out = Files.createTempFile("pg-cmd", ".log");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " did not finish");
            }
            String text = Files.readString(out);
            Files.deleteIfExists(out);
            if (p.exitValue() != 0) throw new IllegalStateException(String.join(" ", cmd) + " failed: " + text);
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", cmd) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Stops the server and deletes the cluster. */
    @Override
    public synchronized void close() {
        try {
            stopServer();
        } catch (RuntimeException e) {
            // already gone
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind
        }
    }
}
