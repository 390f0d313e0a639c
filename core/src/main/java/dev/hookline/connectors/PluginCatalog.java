package dev.hookline.connectors;

import dev.hookline.config.Version;
import dev.hookline.plugins.Connector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connectors of a running hub: the built-in {@code webhook} plus every {@link Connector}
 * extension of the PF4J plugins found in the bundled plugins (extracted from hookline.jar, see
 * {@link BundledPlugins}) and in {@code $HOOKLINE_DATA_DIR/plugins}.
 *
 * <p>Loading never stops the hub: a jar that is not a zip, lacks its descriptor, needs a plugin
 * that is missing, fails to start, is built for another connector API version, or brings a
 * connector id that is already taken is logged and skipped; the rest load. Bundled plugins load
 * first, so a copy of a bundled plugin in {@code plugins/} is the one skipped.
 *
 * <p>Immutable once loaded, so thread-safe; {@link #close} stops and unloads the plugins.
 */
public final class PluginCatalog implements ConnectorCatalog {
    private static final Logger log = LoggerFactory.getLogger(PluginCatalog.class);
    /** What a connector id may look like: it is stored in flows and shown in URLs and logs. */
    static final Pattern ID = Pattern.compile("[a-z][a-z0-9_-]{0,39}");
    public static final String PLUGINS_FOLDER = "plugins";

    private record Entry(Connector connector, ConnectorInfo info) {}

    private final Map<String, Entry> entries;
    private final PluginManager plugins;

    private PluginCatalog(Map<String, Entry> entries, PluginManager plugins) {
        this.entries = Collections.unmodifiableMap(entries);
        this.plugins = plugins;
    }

    /** Loads the bundled plugins and those in {@code dataDir/plugins}; never throws for a bad plugin. */
    public static PluginCatalog load(Path dataDir) {
        List<Path> roots = new ArrayList<>();
        BundledPlugins.extract(dataDir).ifPresent(roots::add);
        Path userPlugins = dataDir.resolve(PLUGINS_FOLDER);
        try {
            Files.createDirectories(userPlugins);
        } catch (IOException e) {
            log.warn("cannot create the plugins folder {}: {}", userPlugins.toAbsolutePath(), e.toString());
        }
        roots.add(userPlugins);
        return load(roots, userPlugins);
    }

    /** Loads the plugin jars of {@code roots}, in that order; {@code statusDir} holds the optional disabled.txt. */
    static PluginCatalog load(List<Path> roots, Path statusDir) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        WebhookConnector webhook = new WebhookConnector();
        entries.put(webhook.id(), new Entry(webhook, new ConnectorInfo(webhook.id(), webhook.name(), null, null)));

        HooklinePluginManager manager;
        try {
            manager = new HooklinePluginManager(roots, statusDir, Version.get());
            manager.loadPlugins();
            manager.startPlugins();
        } catch (RuntimeException | LinkageError e) {
            log.error("loading connector plugins failed; only the built-in webhook connector is available", e);
            return new PluginCatalog(entries, null);
        }

        Map<String, Entry> fromPlugins = new TreeMap<>();
        // PF4J keeps plugins in a hash map: claim ids in load order, so the bundled plugins win
        Comparator<Path> order = manager.loadOrder();
        List<PluginWrapper> inOrder = manager.getPlugins().stream().sorted(Comparator.comparing(PluginWrapper::getPluginPath, order)).toList();
        for (PluginWrapper plugin : inOrder) {
            String label = plugin.getPluginId() + " " + plugin.getDescriptor().getVersion() + " (" + plugin.getPluginPath().getFileName() + ")";
            if (plugin.getPluginState() != PluginState.STARTED) {
                log.warn("plugin {} skipped: it is {}{}", label, plugin.getPluginState().toString().toLowerCase(),
                        plugin.getFailedException() == null ? "" : " (" + plugin.getFailedException() + ")");
                continue;
            }
            List<Connector> found;
            try {
                found = manager.getExtensions(Connector.class, plugin.getPluginId());
            } catch (RuntimeException | LinkageError e) {
                log.warn("plugin {} skipped: its connectors cannot be loaded ({})", label, e.toString());
                continue;
            }
            if (found.isEmpty()) {
                log.warn("plugin {} brings no usable connector: its META-INF/extensions.idx names no {} that could be created "
                        + "(is pf4j's annotation processor on, and are pf4j and hookline-plugins 'provided'?)", label,
                        Connector.class.getName());
            }
            for (Connector c : found) {
                String problem = problemWith(c, entries, fromPlugins);
                if (problem != null) {
                    log.warn("connector {} of plugin {} skipped: {}", c.getClass().getName(), label, problem);
                    continue;
                }
                fromPlugins.put(c.id(), new Entry(c, new ConnectorInfo(c.id(), c.name(), plugin.getPluginId(), plugin.getDescriptor().getVersion())));
                log.info("connector '{}' loaded from plugin {}", c.id(), label);
            }
        }
        entries.putAll(fromPlugins);
        return new PluginCatalog(entries, manager);
    }

    /** Why a plugin's connector cannot be used, or null. Plugin code may throw anything: it is caught here. */
    private static String problemWith(Connector c, Map<String, Entry> builtIn, Map<String, Entry> loaded) {
        String id;
        String name;
        int version;
        try {
            version = c.apiVersion();
            id = c.id();
            name = c.name();
        } catch (RuntimeException | LinkageError e) {
            return "it failed to describe itself (" + e + ")";
        }
        if (version != Connector.API_VERSION) {
            return "it is built for connector API version " + version + ", this hub speaks version " + Connector.API_VERSION;
        }
        if (id == null || !ID.matcher(id).matches()) {
            return "its id '" + id + "' is not a lower-case name such as 'slack' (letters, digits, - and _, at most 40)";
        }
        if (name == null || name.isBlank()) return "it has no name";
        if (builtIn.containsKey(id)) return "the id '" + id + "' belongs to a built-in connector";
        Entry taken = loaded.get(id);
        if (taken != null) return "the id '" + id + "' is already taken by plugin " + taken.info().pluginId();
        return null;
    }

    @Override
    public Optional<Connector> find(String id) {
        Entry e = id == null ? null : entries.get(id);
        return e == null ? Optional.empty() : Optional.of(e.connector());
    }

    @Override
    public List<ConnectorInfo> list() {
        return entries.values().stream().map(Entry::info).toList();
    }

    @Override
    public void close() {
        if (plugins == null) return;
        try {
            plugins.stopPlugins();
            plugins.unloadPlugins();
        } catch (RuntimeException e) {
            log.warn("stopping the connector plugins: {}", e.toString());
        }
    }
}
