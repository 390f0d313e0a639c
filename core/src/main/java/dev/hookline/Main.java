package dev.hookline;

import dev.hookline.config.Version;
import dev.hookline.cli.Backup;
import dev.hookline.cli.HealthCheck;
import dev.hookline.cli.Help;
import dev.hookline.config.ConfigException;
import dev.hookline.config.HooklineConfig;
import dev.hookline.logging.LogSetup;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar hookline.jar}: reads the configuration, starts the hub, stops it cleanly on SIGTERM.
 * Also {@code --help}, {@code --version}, {@code backup FILE} and {@code healthcheck}.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        List<String> list = Arrays.asList(args);
        if (list.contains("--help") || list.contains("-h")) {
            System.out.print(Help.text());
            return;
        }
        if (list.contains("--version")) {
            System.out.println("hookline " + Version.get());
            return;
        }
        boolean backup = !list.isEmpty() && list.get(0).equals("backup");
        boolean healthcheck = !list.isEmpty() && list.get(0).equals("healthcheck");
        if (backup && (args.length < 2 || args[1].startsWith("--"))) {
            System.err.println("hookline: usage: java -jar hookline.jar backup FILE [--data-dir=DIR]");
            System.exit(2);
            return;
        }
        HooklineConfig config;
        try {
            config = HooklineConfig.fromEnvironment(backup ? Arrays.copyOfRange(args, 2, args.length)
                    : healthcheck ? Arrays.copyOfRange(args, 1, args.length) : args);
        } catch (ConfigException e) {
            System.err.println("hookline: configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (healthcheck) {
            System.exit(HealthCheck.healthy(config) ? 0 : 1);
            return;
        }
        if (backup) {
            try {
                System.out.println(Backup.run(config, Path.of(args[1])));
                return;
            } catch (Backup.BackupException e) {
                System.err.println("hookline: " + e.getMessage());
                System.exit(1);
                return;
            }
        }
        ClassPreload.start();
        LogSetup.apply(config.logFormat());
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
