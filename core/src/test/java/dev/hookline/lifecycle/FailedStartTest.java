package dev.hookline.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hookline.App;
import dev.hookline.config.HooklineConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A start that fails (here: no store) says why, and closing it stops what start-up made on its second thread. */
class FailedStartTest {
    @Test
    void closingAFailedStartStopsTheDeliveryClient(@TempDir Path dir) throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("data"), "a file where the data directory should be");
        long before = deliveryThreads();
        App app = new App(HooklineConfig.defaults(notADirectory).withPort(0).withApiKey("hk_test_key_0123456789abcdef"),
                Clock.systemUTC());

        Throwable failure = catchThrowable(app::start);
        app.close();

        assertThat(failure).isInstanceOf(RuntimeException.class);
        // at most as many as before: a client an earlier test closed may still be ending its threads
        assertThat(deliveryThreads()).isLessThanOrEqualTo(before);
    }

    private static long deliveryThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("hookline-delivery"))
                .count();
    }
}
