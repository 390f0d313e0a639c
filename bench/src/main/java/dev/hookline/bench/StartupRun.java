package dev.hookline.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * 7. Process start to /health answering 200, best of three: as {@code java -jar} starts it, and
 * with a class-data archive of the hub's classes (the README's {@code -XX:SharedArchiveFile}),
 * made by one training start that ends with {@code -XX:ArchiveClassesAtExit}.
 */
final class StartupRun {
    private final BenchRun run;

    StartupRun(BenchRun run) {
        this.run = run;
    }

    void run() throws Exception {
        int tries = run.quick ? 1 : 3;
        run.results.add("startup", "process start -> /health 200 (best of " + tries + ")", best(tries, List.of()), "ms");
        Path archive = run.work.resolve("hookline.jsa");
        try (HubUnderTest training = start(List.of("-XX:ArchiveClassesAtExit=" + archive))) {
            training.process.destroy(); // started and healthy: the archive is written as it exits, which takes a while
            training.process.waitFor(2, TimeUnit.MINUTES);
        }
        if (!Files.exists(archive)) {
            System.out.println("  (no class-data archive was written; its start-up is not measured)");
            return;
        }
        run.results.add("startup", "the same with the class-data archive (-XX:SharedArchiveFile, best of " + tries + ")",
                best(tries, List.of("-XX:SharedArchiveFile=" + archive)), "ms");
    }

    private double best(int tries, List<String> jvmArgs) throws Exception {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < tries; i++) {
            try (HubUnderTest hub = start(jvmArgs)) {
                best = Math.min(best, hub.startupMillis());
            }
        }
        return best;
    }

    private HubUnderTest start(List<String> jvmArgs) throws Exception {
        return HubUnderTest.start(run.jar, Files.createTempDirectory(run.work, "hub"), run.work, Map.of(), jvmArgs);
    }
}
