package dev.hookline.bench;

import java.util.Map;

/** 7. Process start to /health answering 200, best of three. */
final class StartupRun {
    private final BenchRun run;

    StartupRun(BenchRun run) {
        this.run = run;
    }

    void run() throws Exception {
        int tries = run.quick ? 1 : 3;
        double best = Double.MAX_VALUE;
        for (int i = 0; i < tries; i++) {
            try (HubUnderTest hub = HubUnderTest.start(run.jar, run.work, Map.of())) {
                best = Math.min(best, hub.startupMillis());
            }
        }
        run.results.add("startup", "process start -> /health 200 (best of " + tries + ")", best, "ms");
    }
}
