package dev.hookline.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The jars the build leaves for these tests: the example third-party plugin and hookline.jar itself. */
final class ExamplePlugins {
    private ExamplePlugins() {}

    static Path discordJar() {
        return built("hookline.examplePlugins", "example-plugins").resolve("hookline-example-connector-discord.jar");
    }

    static Path hooklineJar() {
        return Path.of(System.getProperty("hookline.jar", "target/hookline.jar"));
    }

    /** Copies the Discord example plugin into {@code dataDir/plugins}, as an integrator would. */
    static Path dropDiscordInto(Path dataDir) throws IOException {
        Path plugins = Files.createDirectories(dataDir.resolve("plugins"));
        return Files.copy(discordJar(), plugins.resolve("discord-connector.jar"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static Path built(String property, String fallback) {
        return Path.of(System.getProperty(property, "target/" + fallback));
    }
}
