package dev.hookline.cli;

import dev.hookline.config.Version;
import dev.hookline.config.Variable;
import dev.hookline.config.Variables;

/** The text of {@code java -jar hookline.jar --help}: commands, then every variable with its flag, default and meaning. */
public final class Help {
    private Help() {}

    public static String text() {
        StringBuilder out = new StringBuilder();
        out.append("Hookline ").append(Version.get()).append(" - self-hosted call-webhook hub\n\n")
                .append("Usage:\n")
                .append("  java -jar hookline.jar [--flag=value ...]               run the hub\n")
                .append("  java -jar hookline.jar backup FILE [--flag=value ...]   copy the running hub's SQLite store to FILE\n")
                .append("  java -jar hookline.jar healthcheck [--flag=value ...]   exit 0 when the hub at --port on this host answers /health\n")
                .append("  java -jar hookline.jar --version                        print the version\n")
                .append("  java -jar hookline.jar --help                           print this text\n\n")
                .append("Settings: environment variables, or the matching flag (a flag wins over its variable).\n\n");
        for (Variable v : Variables.ALL) {
            out.append("  ").append(v.flag()).append("=…  ").append(v.name()).append("  (default: ").append(v.defaultValue()).append(")\n")
                    .append("      ").append(v.meaning().replace("`", "")).append('\n');
        }
        return out.toString();
    }
}
