package dev.hookline.connectors;

import static dev.hookline.testing.PluginJars.garbage;
import static dev.hookline.testing.PluginJars.plugin;
import static dev.hookline.testing.PluginJars.withConnector;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.plugins.CallEvent;
import dev.hookline.plugins.Connector;
import dev.hookline.plugins.Destination;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading connector plugins from real jars with the real PF4J manager: what loads, and what is skipped without stopping the rest. */
class PluginCatalogTest {
    @TempDir Path dir;

    PluginCatalog load(Path... roots) {
        return PluginCatalog.load(List.of(roots), dir.resolve("status"));
    }

    Path folder(String name) throws IOException {
        return Files.createDirectories(dir.resolve(name));
    }

    List<String> ids(PluginCatalog c) {
        return c.list().stream().map(ConnectorInfo::id).toList();
    }

    @Test
    void aPluginJarBringsItsConnectorNextToTheBuiltInWebhook() throws IOException {
        Path plugins = folder("plugins");
        withConnector("acme-plugin", "acme").descriptor("plugin.version", "2.3.4").writeTo(plugins.resolve("acme.jar"));
        try (PluginCatalog catalog = load(plugins)) {
            assertThat(catalog.list()).containsExactly(
                    new ConnectorInfo("webhook", "Generic webhook (JSON POST)", null, null),
                    new ConnectorInfo("acme", "Test connector acme", "acme-plugin", "2.3.4"));
            Connector acme = catalog.find("acme").orElseThrow();
            assertThat(acme.getClass().getClassLoader()).isNotSameAs(Connector.class.getClassLoader());
            assertThat(acme.build(CallEvent.example(), Destination.of("https://example.com/x")).bodyText())
                    .contains("\"connector\":\"acme\"").contains("a1b2c3d4");
            assertThat(catalog.has("nope")).isFalse();
        }
    }

    @Test
    void brokenAndIncompatibleJarsAreSkippedAndTheRestLoad() throws IOException {
        Path plugins = folder("plugins");
        withConnector("good-plugin", "good").writeTo(plugins.resolve("a-good.jar"));
        garbage(plugins.resolve("b-garbage.jar"));
        Files.write(plugins.resolve("c-empty.jar"), new byte[0]);
        withConnector("no-id", "noid").descriptor("plugin.id", null).writeTo(plugins.resolve("d-no-id.jar"));
        withConnector("no-version", "noversion").descriptor("plugin.version", null).writeTo(plugins.resolve("e-no-version.jar"));
        plugin("future-plugin").connector("future", "99").writeTo(plugins.resolve("f-future.jar"));
        withConnector("needs-plugin", "needy").descriptor("plugin.dependencies", "missing-plugin@>=1.0.0").writeTo(plugins.resolve("g-needy.jar"));
        withConnector("no-class-plugin", "noclass").descriptor("plugin.class", "does.not.Exist").writeTo(plugins.resolve("h-noclass.jar"));
        plugin("bad-id-plugin").connector("Bad Id!", "Connector.API_VERSION").writeTo(plugins.resolve("i-badid.jar"));
        plugin("throwing-plugin").extension("test.plugins.throwing.Boom", """
                import dev.hookline.plugins.*;
                @org.pf4j.Extension
                public final class Boom implements Connector {
                    public Boom() { throw new IllegalStateException("boom"); }
                    public String id() { return "boom"; }
                    public String name() { return "Boom"; }
                    public OutgoingRequest build(CallEvent e, Destination d) { return null; }
                }
                """).writeTo(plugins.resolve("j-throwing.jar"));
        plugin("empty-plugin").writeTo(plugins.resolve("k-empty-plugin.jar"));
        withConnector("last-plugin", "last").writeTo(plugins.resolve("z-last.jar"));

        try (PluginCatalog catalog = load(plugins)) {
            assertThat(ids(catalog)).containsExactly("webhook", "good", "last");
        }
    }

    @Test
    void aTakenIdIsSkippedAndBundledPluginsWin() throws IOException {
        Path bundled = folder("bundled");
        Path plugins = folder("plugins");
        withConnector("hookline-slack", "slack").descriptor("plugin.version", "0.1.0").writeTo(bundled.resolve("slack.jar"));
        // the same plugin id again (a copy of a bundled plugin), a second "slack" under another plugin id, and "webhook"
        withConnector("hookline-slack", "slack").descriptor("plugin.version", "9.9.9").writeTo(plugins.resolve("a-copy.jar"));
        withConnector("other-slack", "slack").writeTo(plugins.resolve("b-other.jar"));
        withConnector("fake-webhook", "webhook").writeTo(plugins.resolve("c-webhook.jar"));
        plugin("two").connector("alpha", "Connector.API_VERSION").connector("alpha2", "Connector.API_VERSION").writeTo(plugins.resolve("d-two.jar"));

        try (PluginCatalog catalog = load(bundled, plugins)) {
            assertThat(catalog.list()).extracting(ConnectorInfo::id, ConnectorInfo::pluginId, ConnectorInfo::pluginVersion).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("webhook", null, null),
                    org.assertj.core.groups.Tuple.tuple("alpha", "two", "1.0.0"),
                    org.assertj.core.groups.Tuple.tuple("alpha2", "two", "1.0.0"),
                    org.assertj.core.groups.Tuple.tuple("slack", "hookline-slack", "0.1.0"));
            assertThat(catalog.find("webhook").orElseThrow()).isInstanceOf(WebhookConnector.class);
        }
    }

    @Test
    void aPluginThatBundlesTheApiInsteadOfHavingItProvidedBringsNothing() throws IOException {
        Path plugins = folder("plugins");
        withConnector("bundling-plugin", "bundling").bundling(Connector.class).writeTo(plugins.resolve("bundling.jar"));
        withConnector("good-plugin", "good").writeTo(plugins.resolve("good.jar"));
        try (PluginCatalog catalog = load(plugins)) {
            // its Connector is its own class, not the hub's: PF4J does not see an extension of the hub's type
            assertThat(ids(catalog)).containsExactly("webhook", "good");
        }
    }

    @Test
    void aDependencyCycleAmongDroppedInPluginsLosesThoseAndKeepsTheBundledOnes() throws IOException {
        Path bundled = folder("bundled");
        Path plugins = folder("plugins");
        withConnector("hookline-slack", "slack").writeTo(bundled.resolve("slack.jar"));
        withConnector("chicken", "chicken").descriptor("plugin.dependencies", "egg").writeTo(plugins.resolve("chicken.jar"));
        withConnector("egg", "egg").descriptor("plugin.dependencies", "chicken").writeTo(plugins.resolve("egg.jar"));
        try (PluginCatalog catalog = load(bundled, plugins)) {
            assertThat(ids(catalog)).containsExactly("webhook", "slack");
        }
    }

    @Test
    void disabledTxtSwitchesAPluginOff() throws IOException {
        Path plugins = folder("plugins");
        withConnector("acme-plugin", "acme").writeTo(plugins.resolve("acme.jar"));
        withConnector("other-plugin", "other").writeTo(plugins.resolve("other.jar"));
        Files.writeString(Files.createDirectories(dir.resolve("status")).resolve("disabled.txt"), "acme-plugin\n");
        try (PluginCatalog catalog = load(plugins)) {
            assertThat(ids(catalog)).containsExactly("webhook", "other");
        }
    }

    @Test
    void missingFoldersLeaveOnlyTheBuiltInConnector() {
        try (PluginCatalog catalog = load(dir.resolve("absent"))) {
            assertThat(ids(catalog)).containsExactly("webhook");
        }
    }

    @Test
    void closingUnloadsThePlugins() throws IOException {
        Path plugins = folder("plugins");
        withConnector("acme-plugin", "acme").writeTo(plugins.resolve("acme.jar"));
        PluginCatalog catalog = load(plugins);
        assertThat(catalog.has("acme")).isTrue();
        catalog.close();
        // the jar is no longer held open: it can be replaced while the hub is down
        Files.delete(plugins.resolve("acme.jar"));
        assertThat(plugins.resolve("acme.jar")).doesNotExist();
    }
}
