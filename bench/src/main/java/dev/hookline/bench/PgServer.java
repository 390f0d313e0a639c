package dev.hookline.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The benchmark's own PostgreSQL server, made as the tests make theirs: Debian's binaries, initdb
 * in a temp directory (as the postgres user when run as root), a free loopback port, the socket in
 * that directory. Durable settings as shipped (fsync and synchronous commit on). Deleted on close.
 */
final class PgServer implements AutoCloseable {
    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asPostgres;

    private PgServer(Path bin, Path dir, int port, boolean asPostgres) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asPostgres = asPostgres;
    }

    static PgServer start() throws IOException, InterruptedException {
        Path bin;
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            bin = versions.filter(p -> Files.isExecutable(p.resolve("bin/pg_ctl")))
                    .max(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString().replaceAll("\\D.*", ""))))
                    .orElseThrow(() -> new IllegalStateException("PostgreSQL is not installed (apt-get install -y postgresql)")).resolve("bin");
        }
        Path dir = Files.createTempDirectory("hookline-bench-pg");
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) Files.setOwner(dir, dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        PgServer pg = new PgServer(bin, dir, port, root);
        pg.run(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C");
        pg.run(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l", dir.resolve("server.log").toString(), "-w",
                "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -k " + dir + " -c max_connections=200 -c shared_buffers=256MB", "start");
        return pg;
    }

    /** A new database; its URL as HOOKLINE_DATABASE_URL takes it. */
    String createDatabase(String name) throws IOException, InterruptedException {
        run(bin.resolve("createdb").toString(), "-h", dir.toString(), "-p", Integer.toString(port), "-U", "postgres", name);
        return "postgresql://postgres@127.0.0.1:" + port + "/" + name;
    }

    /** CPU time the server's processes have used so far (user + system), in ms. */
    double cpuMillis() throws IOException {
        double total = 0;
        for (ProcessHandle p : ProcessHandle.allProcesses().filter(h -> h.info().user().map("postgres"::equals).orElse(false)
                && h.info().command().map(c -> c.startsWith(bin.toString())).orElse(false)).toList()) {
            total += p.info().totalCpuDuration().map(d -> d.toNanos() / 1e6).orElse(0.0);
        }
        return total;
    }

    private void run(String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (asPostgres) cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        cmd.addAll(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolveSibling(dir.getFileName() + "-cmd.log").toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + Files.readString(dir.resolveSibling(dir.getFileName() + "-cmd.log")));
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w", "-m", "fast", "stop");
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        Files.deleteIfExists(dir.resolveSibling(dir.getFileName() + "-cmd.log"));
    }
}
