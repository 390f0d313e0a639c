package dev.hookline.testing;

import dev.hookline.plugins.Connector;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.pf4j.ExtensionPoint;

/**
 * Builds real PF4J plugin jars in a test's temp folder: Java sources compiled against the
 * connector API and pf4j (as a plugin is, with them provided), {@code plugin.properties}, and
 * {@code META-INF/extensions.idx}. Each test makes exactly the plugin it needs (a wrong API
 * version, a duplicate id, a missing dependency) without putting plugin classes on the hub's class path.
 */
public final class PluginJars {
    private final String pluginId;
    private final Map<String, String> descriptor = new LinkedHashMap<>();
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final List<String> extensions = new ArrayList<>();
    private final List<Class<?>> bundled = new ArrayList<>();

    private PluginJars(String pluginId) {
        this.pluginId = pluginId;
        descriptor.put("plugin.id", pluginId);
        descriptor.put("plugin.version", "1.0.0");
        descriptor.put("plugin.provider", "Hookline tests");
        descriptor.put("plugin.dependencies", "");
        descriptor.put("plugin.class", "org.pf4j.Plugin");
    }

    /** A plugin with this id, version 1.0.0, no dependencies, PF4J's own Plugin class. */
    public static PluginJars plugin(String pluginId) {
        return new PluginJars(pluginId);
    }

    /** A plugin with one simple connector: it posts {"connector": id, "call_id": …} and warns about URLs containing "warn" and refuses ones containing "refuse". */
    public static PluginJars withConnector(String pluginId, String connectorId) {
        return plugin(pluginId).connector(connectorId, "Connector.API_VERSION");
    }

    /** Adds a connector class reporting {@code apiVersionExpression} as its API version. */
    public PluginJars connector(String connectorId, String apiVersionExpression) {
        String cls = "Test" + Character.toUpperCase(connectorId.charAt(0)) + connectorId.substring(1).replaceAll("[^A-Za-z0-9]", "") + "Connector";
        return extension("test.plugins." + pluginId.replaceAll("[^A-Za-z0-9]", "") + "." + cls, """
                import dev.hookline.plugins.*;
                import java.util.List;

                @org.pf4j.Extension
                public final class %s implements Connector {
                    public String id() { return "%s"; }
                    public String name() { return "Test connector %s"; }
                    public int apiVersion() { return %s; }
                    public Validation validate(Destination d) {
                        if (d.url().contains("refuse")) return Validation.error("this URL is refused by %s");
                        if (d.url().contains("warn")) return Validation.warning("this URL looks odd to %s");
                        return Validation.ok();
                    }
                    public OutgoingRequest build(CallEvent e, Destination d) {
                        return OutgoingRequest.postJson(d.url(), Json.write(java.util.Map.of("connector", id(), "call_id", String.valueOf(e.get("call_id")))));
                    }
                }
                """.formatted(cls, connectorId, connectorId, apiVersionExpression, connectorId, connectorId));
    }

    /** Adds a class (its source without the package line) listed in extensions.idx. */
    public PluginJars extension(String className, String body) {
        source(className, body);
        extensions.add(className);
        return this;
    }

    /** Adds a class that is not an extension. */
    public PluginJars source(String className, String body) {
        String pkg = className.substring(0, className.lastIndexOf('.'));
        sources.put(className, "package " + pkg + ";\n" + body);
        return this;
    }

    /** Sets (or, with null, removes) a {@code plugin.properties} entry such as {@code plugin.dependencies}. */
    public PluginJars descriptor(String key, String value) {
        if (value == null) descriptor.remove(key);
        else descriptor.put(key, value);
        return this;
    }

    /** Copies these host classes into the jar: the mistake of a plugin that bundles the API instead of having it provided. */
    public PluginJars bundling(Class<?>... classes) {
        bundled.addAll(List.of(classes));
        return this;
    }

    /** Compiles and writes the jar; returns it. */
    public Path writeTo(Path jar) {
        try {
            Path work = Files.createTempDirectory("hookline-test-plugin-");
            Path src = work.resolve("src");
            Path classes = work.resolve("classes");
            Files.createDirectories(classes);
            List<String> files = new ArrayList<>();
            for (Map.Entry<String, String> s : sources.entrySet()) {
                Path f = src.resolve(s.getKey().replace('.', '/') + ".java");
                Files.createDirectories(f.getParent());
                Files.writeString(f, s.getValue());
                files.add(f.toString());
            }
            if (!files.isEmpty()) compile(classes, files);
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
                put(out, "plugin.properties", properties());
                if (!extensions.isEmpty()) {
                    put(out, "META-INF/extensions.idx", String.join("\n", extensions) + "\n");
                }
                for (Class<?> c : bundled) {
                    String name = c.getName().replace('.', '/') + ".class";
                    try (java.io.InputStream in = c.getClassLoader().getResourceAsStream(name)) {
                        out.putNextEntry(new JarEntry(name));
                        out.write(in.readAllBytes());
                        out.closeEntry();
                    }
                }
                try (Stream<Path> walk = Files.walk(classes)) {
                    for (Path p : walk.filter(Files::isRegularFile).toList()) {
                        out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                        out.write(Files.readAllBytes(p));
                        out.closeEntry();
                    }
                }
            }
            deleteTree(work);
            return jar;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    private String properties() throws IOException {
        Properties p = new Properties();
        p.putAll(descriptor);
        java.io.StringWriter w = new java.io.StringWriter();
        p.store(w, null);
        return w.toString();
    }

    private static void put(JarOutputStream out, String name, String text) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }

    private static void compile(Path classes, List<String> files) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) throw new IllegalStateException("tests need a JDK (javax.tools), not a JRE");
        String classpath = location(Connector.class) + java.io.File.pathSeparator + location(ExtensionPoint.class);
        List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-nowarn", "-classpath", classpath, "-d", classes.toString()));
        args.addAll(files);
        java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
        int rc = javac.run(null, null, errors, args.toArray(new String[0]));
        if (rc != 0) throw new IllegalStateException("test plugin does not compile:\n" + errors.toString(StandardCharsets.UTF_8));
    }

    private static String location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes bytes that are not a zip at all under a .jar name. */
    public static Path garbage(Path jar) {
        try (OutputStream out = Files.newOutputStream(jar)) {
            out.write("this is not a zip file, whatever its name says".getBytes(StandardCharsets.UTF_8));
            return jar;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
