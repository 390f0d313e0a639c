package dev.hookline.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.config.Version;
import dev.hookline.config.Variable;
import dev.hookline.config.Variables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar's command line: --version, --help, healthcheck (the container's HEALTHCHECK) and the generated key. */
class CliIT {
    static final Pattern GENERATED = Pattern.compile("generated the API key of the default business[^:]*: (hk_[A-Za-z0-9_-]+)");
    @TempDir Path dir;

    @Test
    void versionAndHelp() throws Exception {
        assertThat(run(Map.of(), "--version")).isEqualTo("hookline " + Version.get() + "\n");
        String help = run(Map.of(), "--help");
        for (Variable v : Variables.ALL) assertThat(help).contains(v.flag() + "=").contains(v.name());
        assertThat(help).contains("backup FILE").contains("healthcheck");
    }

    @Test
    void aBadFlagIsNamedAndStopsTheHub() throws Exception {
        Path out = dir.resolve("bad.log");
        Process p = JarHub.run(out, Map.of("HOOKLINE_DATA_DIR", dir.resolve("d").toString()), "--retry-delays=soon");
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(Files.readString(out)).contains("--retry-delays='soon' is not valid");
    }

    @Test
    void healthcheckAnswersForTheHubOnItsPortAndTheGeneratedKeyIsPrintedOnce() throws Exception {
        Path data = dir.resolve("data");
        String key;
        int port;
        try (JarHub hub = JarHub.start(dir.resolve("first.log"), Map.of("HOOKLINE_DATA_DIR", data.toString()))) {
            port = hub.port;
            assertThat(exit(Map.of("HOOKLINE_PORT", Integer.toString(port)), "healthcheck")).isZero();
            Matcher m = GENERATED.matcher(hub.output());
            assertThat(m.find()).as(hub.output()).isTrue();
            key = m.group(1);
            assertThat(hub.send("GET", "/api/v1/call-flows", key, null).statusCode()).isEqualTo(200);
            assertThat(hub.output()).contains("api key generated");
        }
        assertThat(exit(Map.of("HOOKLINE_PORT", Integer.toString(port)), "healthcheck")).as("nothing listens any more").isEqualTo(1);
        try (JarHub again = JarHub.start(dir.resolve("second.log"), Map.of("HOOKLINE_DATA_DIR", data.toString()))) {
            assertThat(again.send("GET", "/api/v1/call-flows", key, null).statusCode()).isEqualTo(200);
            assertThat(again.output()).doesNotContain(key).doesNotContain("generated the API key");
        }
    }

    private String run(Map<String, String> env, String... args) throws Exception {
        Path out = Files.createTempFile(dir, "cli", ".out");
        Process p = JarHub.run(out, env, args);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(out)).isZero();
        return Files.readString(out);
    }

    private int exit(Map<String, String> env, String... args) throws Exception {
        Process p = JarHub.run(Files.createTempFile(dir, "cli", ".out"), env, args);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }
}
