package dev.hookline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The start-up preload: loads without initialising, skips unknown names, and its list matches this build. */
class ClassPreloadTest {
    static final AtomicBoolean initialised = new AtomicBoolean();

    static final class Marked {
        static final long ID = System.nanoTime(); // not a constant: reading it runs the initialiser

        static {
            initialised.set(true);
        }
    }

    @Test
    void loadsNamedClassesWithoutRunningTheirInitialisers() {
        String list = "# comment\n\n" + Marked.class.getName() + "\nno.such.Type\n" + String.class.getName() + "\n";

        int loaded = ClassPreload.load(new ByteArrayInputStream(list.getBytes(StandardCharsets.UTF_8)));

        assertThat(loaded).isEqualTo(2);
        assertThat(initialised).isFalse();
        assertThat(Marked.ID).isPositive();
        assertThat(initialised).isTrue();
    }

    /** A list gone stale (renamed classes, a dependency update) only loses speed; this says when to remake it. */
    @Test
    void theListNamesClassesOfThisBuild() throws IOException {
        List<String> names = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        try (InputStream in = ClassPreload.class.getResourceAsStream(ClassPreload.LIST)) {
            assertThat(in).as(ClassPreload.LIST).isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isEmpty() || line.startsWith("#")) continue;
                names.add(line);
                if (ClassPreload.class.getClassLoader().getResource(line.replace('.', '/') + ".class") == null) missing.add(line);
            }
        }
        assertThat(names).hasSizeGreaterThan(1000).contains(Main.class.getName(), App.class.getName());
        assertThat(missing).as("classes the list names that this build lacks: remake it with bash dist/startup-classes.sh")
                .hasSizeLessThan(names.size() / 50);
    }
}
