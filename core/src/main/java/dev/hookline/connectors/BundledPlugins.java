package dev.hookline.connectors;

import dev.hookline.config.Version;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connector plugins that ship inside hookline.jar. The build puts them there as plain jar
 * resources under {@code bundled-plugins/}, listed in {@code bundled-plugins/index.txt} (their
 * classes are never on the hub's class path); at start they are written to
 * {@code $HOOKLINE_DATA_DIR/.bundled-plugins/<version>/} for PF4J to load like any plugin jar.
 * Files are rewritten only when their bytes changed; other versions' folders are removed.
 */
final class BundledPlugins {
    private static final Logger log = LoggerFactory.getLogger(BundledPlugins.class);
    static final String RESOURCE_DIR = "bundled-plugins/";
    static final String INDEX = RESOURCE_DIR + "index.txt";
    static final String FOLDER = ".bundled-plugins";

    private BundledPlugins() {}

    /** The folder holding the extracted bundled plugins, or empty when this build bundles none (or they cannot be written). */
    static Optional<Path> extract(Path dataDir) {
        return extract(dataDir, BundledPlugins.class.getClassLoader(), Version.get());
    }

    static Optional<Path> extract(Path dataDir, ClassLoader resources, String version) {
        List<String> names;
        try {
            names = index(resources);
        } catch (IOException e) {
            log.error("cannot read the list of bundled connector plugins: {}", e.toString());
            return Optional.empty();
        }
        if (names == null) {
            log.info("no bundled connector plugins in this build (only hookline.jar carries them)");
            return Optional.empty();
        }
        Path base = dataDir.resolve(FOLDER);
        Path dir = base.resolve(version);
        try {
            Files.createDirectories(dir);
            for (String name : names) {
                write(resources, name, dir.resolve(name));
            }
            removeOthers(dir, names);
            removeOtherVersions(base, dir);
        } catch (IOException e) {
            log.error("cannot write the bundled connector plugins to {}: {}", dir.toAbsolutePath(), e.toString());
            return Optional.empty();
        }
        return Optional.of(dir);
    }

    private static List<String> index(ClassLoader resources) throws IOException {
        try (InputStream in = resources.getResourceAsStream(INDEX)) {
            if (in == null) return null;
            List<String> names = new ArrayList<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                String name = line.strip();
                if (name.isEmpty() || name.startsWith("#")) continue;
                if (!name.matches("[A-Za-z0-9._-]+\\.jar")) throw new IOException("bad entry '" + name + "' in " + INDEX);
                names.add(name);
            }
            return names;
        }
    }

    private static void write(ClassLoader resources, String name, Path target) throws IOException {
        byte[] bytes;
        try (InputStream in = resources.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) throw new IOException(INDEX + " names " + name + " but the jar does not carry it");
            bytes = in.readAllBytes();
        }
        if (Files.isRegularFile(target) && Files.size(target) == bytes.length && Arrays.equals(Files.readAllBytes(target), bytes)) {
            return;
        }
        Path tmp = Files.createTempFile(target.getParent(), name, ".tmp");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void removeOthers(Path dir, List<String> keep) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                if (!keep.contains(f.getFileName().toString())) delete(f);
            }
        }
    }

    private static void removeOtherVersions(Path base, Path current) {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(base)) {
            for (Path d : dirs) {
                if (!d.equals(current)) delete(d);
            }
        } catch (IOException e) {
            log.debug("could not tidy {}: {}", base, e.toString());
        }
    }

    private static void delete(Path p) {
        try {
            if (Files.isDirectory(p)) {
                try (DirectoryStream<Path> inside = Files.newDirectoryStream(p)) {
                    for (Path q : inside) delete(q);
                }
            }
            Files.deleteIfExists(p);
        } catch (IOException e) {
            log.debug("could not remove {}: {}", p, e.toString());
        }
    }
}
