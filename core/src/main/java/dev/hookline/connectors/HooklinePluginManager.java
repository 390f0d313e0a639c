package dev.hookline.connectors;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.pf4j.DefaultPluginManager;
import org.pf4j.DependencyResolver;
import org.pf4j.DefaultPluginStatusProvider;
import org.pf4j.JarPluginLoader;
import org.pf4j.JarPluginRepository;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRepository;
import org.pf4j.PluginStatusProvider;
import org.pf4j.PluginWrapper;
import org.pf4j.RuntimeMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PF4J as Hookline uses it: plugin jars only (descriptor in {@code plugin.properties} or the
 * manifest), taken from the roots in order (bundled first) and by file name within a root, always
 * in deployment mode. A plugin whose dependencies are missing or of the wrong version is skipped
 * instead of failing every plugin; {@code disabled.txt} / {@code enabled.txt} in the user plugins
 * folder switch plugins off or on by id. Not thread-safe: used by {@link PluginCatalog} while it
 * loads, then only read.
 */
final class HooklinePluginManager extends DefaultPluginManager {
    private static final Logger log = LoggerFactory.getLogger(HooklinePluginManager.class);
    private final Path statusDir;

    HooklinePluginManager(List<Path> roots, Path statusDir, String hubVersion) {
        super(roots);
        this.statusDir = statusDir;
        // initialize() ran in super(): the status provider was made before statusDir was set
        this.pluginStatusProvider = createPluginStatusProvider();
        if (hubVersion.matches("[0-9]+\\.[0-9]+\\.[0-9]+")) setSystemVersion(hubVersion);
    }

    @Override
    protected void initialize() {
        super.initialize();
        // AbstractPluginManager's setter for this does not store the value; the field is ours to set
        resolveRecoveryStrategy = ResolveRecoveryStrategy.IGNORE_PLUGIN_AND_CONTINUE;
    }

    /**
     * As PF4J's, but says which plugin is dropped for which missing or wrong-version dependency
     * (PF4J drops it silently), and survives a dependency cycle: PF4J would throw and lose every
     * plugin, so the plugins of the user folder are dropped instead and the bundled ones kept.
     */
    @Override
    protected DependencyResolver.Result resolveDependencies() {
        List<PluginDescriptor> descriptors = plugins.values().stream().map(PluginWrapper::getDescriptor).toList();
        DependencyResolver.Result result = dependencyResolver.resolve(descriptors);
        if (result.hasCyclicDependency()) {
            List<Path> roots = getPluginsRoots();
            List<String> userPlugins = plugins.values().stream()
                    .filter(p -> roots.size() > 1 && rootIndex(roots, p.getPluginPath()) == roots.size() - 1)
                    .map(PluginWrapper::getPluginId).toList();
            log.error("the plugins depend on each other in a cycle; skipping every plugin of {}: {}", roots.get(roots.size() - 1), userPlugins);
            for (String id : userPlugins) unloadPlugin(id, false, false);
            return super.resolveDependencies();
        }
        for (String missing : result.getNotFoundDependencies()) {
            for (String dependent : dependencyResolver.getDependents(missing)) {
                log.warn("plugin {} skipped: it needs plugin '{}', which is not installed", dependent, missing);
            }
        }
        for (DependencyResolver.WrongDependencyVersion wrong : result.getWrongVersionDependencies()) {
            log.warn("plugin {} needs plugin '{}' {}, but {} is installed: {} is skipped", wrong.getDependentId(),
                    wrong.getDependencyId(), wrong.getRequiredVersion(), wrong.getExistingVersion(), wrong.getDependencyId());
        }
        return super.resolveDependencies();
    }

    @Override
    public RuntimeMode getRuntimeMode() {
        return RuntimeMode.DEPLOYMENT;
    }

    @Override
    protected PluginRepository createPluginRepository() {
        JarPluginRepository repository = new JarPluginRepository(getPluginsRoots());
        Comparator<Path> order = loadOrder();
        repository.setComparator((a, b) -> order.compare(a.toPath(), b.toPath()));
        return repository;
    }

    @Override
    protected PluginLoader createPluginLoader() {
        return new JarPluginLoader(this);
    }

    @Override
    protected PluginStatusProvider createPluginStatusProvider() {
        // called once from initialize() before statusDir is set; the constructor calls it again
        return statusDir == null ? super.createPluginStatusProvider() : new DefaultPluginStatusProvider(statusDir);
    }

    /** The order plugins load and claim connector ids in: by root (bundled first), then by file name. */
    Comparator<Path> loadOrder() {
        List<Path> roots = getPluginsRoots();
        return Comparator.<Path>comparingInt(p -> rootIndex(roots, p)).thenComparing(p -> p.getFileName().toString());
    }

    private static int rootIndex(List<Path> roots, Path p) {
        Path parent = p.toAbsolutePath().getParent();
        for (int i = 0; i < roots.size(); i++) {
            if (roots.get(i).toAbsolutePath().equals(parent)) return i;
        }
        return roots.size();
    }
}
