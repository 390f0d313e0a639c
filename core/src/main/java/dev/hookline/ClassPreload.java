package dev.hookline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Loads, on a thread of its own, the classes a start-up loads, in the order it needs them, so the
 * main thread finds most of them read and parsed. Loading only: no class is initialised here, so
 * nothing runs out of order and no two threads can wait on each other's initialisation. The list
 * is made by {@code dist/startup-classes.sh}; a stale name costs a failed look-up, nothing more.
 */
final class ClassPreload {
    static final String LIST = "/META-INF/hookline/startup-classes.txt";

    private ClassPreload() {}

    /** Starts the loading thread, unless {@code -Dhookline.classPreload=false} (used when the list is made). */
    static void start() {
        if ("false".equals(System.getProperty("hookline.classPreload"))) return;
        InputStream list = ClassPreload.class.getResourceAsStream(LIST);
        if (list == null) return;
        Thread thread = new Thread(() -> load(list), "hookline-preload");
        thread.setDaemon(true);
        thread.start();
    }

    /** Loads the classes named one per line of {@code list} ({@code #} starts a comment line); returns how many were found. */
    static int load(InputStream list) {
        ClassLoader loader = ClassPreload.class.getClassLoader();
        int loaded = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(list, StandardCharsets.UTF_8))) {
            for (String name = lines.readLine(); name != null; name = lines.readLine()) {
                if (name.isEmpty() || name.startsWith("#")) continue;
                try {
                    Class.forName(name, false, loader);
                    loaded++;
                } catch (ClassNotFoundException | LinkageError e) {
                    // a name from another build: the main thread loads what it needs itself
                }
            }
        } catch (IOException e) {
            // a hint only
        }
        return loaded;
    }
}
