package dev.hookline.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Hookline's version, as the build wrote it into {@code hookline-version.properties}. */
public final class Version {
    private static final String VERSION = load();

    private Version() {}

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("/hookline-version.properties")) {
            if (in == null) return "dev";
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
