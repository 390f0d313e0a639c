package dev.hookline;

import dev.hookline.config.ConfigException;
import dev.hookline.config.HooklineConfig;
import java.time.Clock;

/** {@code java -jar hookline.jar}: reads the configuration, starts the hub, stops it cleanly on SIGTERM. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        HooklineConfig config;
        try {
            config = HooklineConfig.fromEnvironment(args);
        } catch (ConfigException e) {
            System.err.println("hookline: configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        App app = new App(config, Clock.systemUTC());
        try {
            app.start();
        } catch (RuntimeException e) {
            System.err.println("hookline: cannot start: " + e.getMessage());
            app.close();
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "hookline-shutdown"));
    }
}
