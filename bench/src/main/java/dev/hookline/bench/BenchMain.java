package dev.hookline.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * Hookline's benchmarks. Starts the real hub jar as a child process ({@code -Xmx256m}, temp data
 * dir) with loopback receivers in this process, and reports every figure next to a baseline taken
 * in the same run: the load generator posting the same payload straight to a receiver.
 *
 * <pre>java -jar bench/target/hookline-bench.jar [--quick] [--only=a,b] [--jar=PATH] [--out=DIR] [--backlog=N]</pre>
 */
public final class BenchMain {
    private static final String USAGE = "use --quick, --jar=PATH, --out=DIR, --only=a,b (throughput, latency, isolation, backlog, incall, startup, "
            + "retention, dashboard, hostile, diskfull, scaleout), --backlog=N";

    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        Path jar = Path.of("dist/target/hookline.jar");
        Path out = Path.of("bench/results");
        Set<String> only = Set.of();
        Integer backlogCalls = null;
        for (String a : args) {
            if (a.equals("--quick")) quick = true;
            else if (a.startsWith("--jar=")) jar = Path.of(a.substring(6));
            else if (a.startsWith("--out=")) out = Path.of(a.substring(6));
            else if (a.startsWith("--only=")) only = Set.of(a.substring(7).split(","));
            else if (a.startsWith("--backlog=")) backlogCalls = Integer.parseInt(a.substring(10));
            else throw new IllegalArgumentException("unknown argument " + a + " (" + USAGE + ")");
        }
        if (!Files.exists(jar)) throw new IllegalStateException(jar + " not found: build with mvn -q -DskipTests package first");
        String command = "java -jar bench/target/hookline-bench.jar" + (quick ? " --quick" : "") + (only.isEmpty() ? "" : " --only=" + String.join(",", only))
                + (backlogCalls == null ? "" : " --backlog=" + backlogCalls);
        Results results = new Results(command);
        int backlog = backlogCalls != null ? backlogCalls : quick ? 5_000 : 1_000_000;
        BenchRun run = new BenchRun(jar, Files.createTempDirectory("hookline-bench"), quick, results, backlog);
        System.out.println("Hookline benchmarks" + (quick ? " (quick: short windows, smaller backlog; figures are a smoke check only)" : ""));
        runScenarios(run, only);
        // a partial run writes under its scenarios' names and leaves the full run's figures alone
        String stem = quick ? "quick" : only.isEmpty() ? "latest" : String.join("-", new TreeSet<>(only));
        results.write(out, stem);
        System.out.println("\nwrote " + out.resolve(stem + ".md") + " and " + out.resolve(stem + ".json"));
        System.exit(0);
    }

    /** Every scenario asked for, in the order of the results table; with no --only, all but the by-name ones. */
    private static void runScenarios(BenchRun run, Set<String> only) throws Exception {
        boolean all = only.isEmpty();
        if (all || only.contains("throughput")) new ThroughputRun(run).run();
        if (all || only.contains("latency")) new LatencyRun(run).run();
        if (all || only.contains("isolation")) new IsolationRun(run).run();
        if (all || only.contains("backlog")) new BacklogRun(run).run();
        if (all || only.contains("incall")) new InCallRun(run).run();
        if (all || only.contains("startup")) new StartupRun(run).run();
        if (only.contains("diskfull")) DiskFullCampaign.run(run.jar, run.work, run.results, run.quick); // mounts a tmpfs: root only, never by default
        if (only.contains("scaleout")) new ScaleOut(run.jar, run.work, run.quick, run.results).run(); // its own server and minutes of load: asked for by name
        if (all || only.contains("retention")) {
            int rows = Integer.getInteger("bench.retentionRows", run.quick ? 5_000 : 1_000_000);
            new RetentionRun(run.jar, run.work, run.results, run.warmUp(), run.window(30, 5), Integer.getInteger("bench.retentionRate", 500)).run(rows);
        }
        if (all || only.contains("dashboard")) {
            // the pages with a full store: -Dbench.dashboardCalls=N (default 100,000)
            new DashboardBench(run.jar, run.work, run.results, Integer.getInteger("bench.dashboardCalls", run.quick ? 2_000 : 100_000), run.quick ? 20 : 100).run();
        }
        if (all || only.contains("hostile")) new HostileCampaign(run.jar, run.work, run.results, run.quick).run();
    }
}
