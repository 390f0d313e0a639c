package dev.hookline.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundledPluginsTest {
    @TempDir Path dir;

    ClassLoader resources(String index, String... jars) throws IOException {
        Path root = Files.createDirectories(dir.resolve("resources/bundled-plugins"));
        Files.writeString(root.resolve("index.txt"), index);
        for (String jar : jars) Files.writeString(root.resolve(jar), "bytes of " + jar);
        return new URLClassLoader(new URL[] {dir.resolve("resources").toUri().toURL()}, null);
    }

    @Test
    void theIndexedJarsAreWrittenUnderTheVersionFolder() throws IOException {
        ClassLoader cl = resources("# bundled\na.jar\n\nb.jar\n", "a.jar", "b.jar");
        Path data = dir.resolve("data");
        Files.createDirectories(data.resolve(".bundled-plugins/0.0.9"));
        Path out = BundledPlugins.extract(data, cl, "1.2.3").orElseThrow();
        assertThat(out).isEqualTo(data.resolve(".bundled-plugins/1.2.3"));
        assertThat(Files.readString(out.resolve("a.jar"))).isEqualTo("bytes of a.jar");
        assertThat(out.resolve("b.jar")).exists();
        assertThat(data.resolve(".bundled-plugins/0.0.9")).doesNotExist();

        // a second start leaves unchanged files alone and removes strays
        Files.writeString(out.resolve("stray.jar"), "old");
        long before = Files.getLastModifiedTime(out.resolve("a.jar")).toMillis();
        BundledPlugins.extract(data, cl, "1.2.3");
        assertThat(Files.getLastModifiedTime(out.resolve("a.jar")).toMillis()).isEqualTo(before);
        assertThat(out.resolve("stray.jar")).doesNotExist();
    }

    @Test
    void aBuildWithoutBundledPluginsHasNone() throws IOException {
        ClassLoader empty = new URLClassLoader(new URL[0], null);
        assertThat(BundledPlugins.extract(dir, empty, "1.0.0")).isEqualTo(Optional.empty());
    }

    @Test
    void anIndexNamingAMissingJarBundlesNothingRatherThanFailing() throws IOException {
        ClassLoader cl = resources("a.jar\nmissing.jar\n", "a.jar");
        assertThat(BundledPlugins.extract(dir.resolve("data"), cl, "1.0.0")).isEmpty();
    }
}
