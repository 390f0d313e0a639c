package dev.hookline.store.postgres;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * {@code HOOKLINE_DATABASE_URL} as the driver needs it: {@code postgresql://user:pass@host:port/db?params}
 * (or {@code postgres://}, or the {@code jdbc:postgresql://host:port/db?user=…&password=…} form) becomes a
 * JDBC URL without credentials plus the user and password apart. {@link #shown} never holds the password.
 */
record PgUrl(String jdbcUrl, String user, String password, String shown) {

    static PgUrl parse(String raw) {
        String s = raw.trim();
        if (s.startsWith("jdbc:")) s = s.substring(5);
        if (s.startsWith("postgres://")) s = "postgresql://" + s.substring("postgres://".length());
        URI u;
        try {
            u = new URI(s);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("HOOKLINE_DATABASE_URL is not a URL");
        }
        String user = null;
        String password = null;
        String info = u.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            if (colon >= 0) password = decode(info.substring(colon + 1));
        }
        List<String> kept = new ArrayList<>();
        if (u.getRawQuery() != null) {
            for (String p : u.getRawQuery().split("&")) {
                if (p.isEmpty()) continue;
                String name = p.contains("=") ? p.substring(0, p.indexOf('=')) : p;
                String value = p.contains("=") ? decode(p.substring(p.indexOf('=') + 1)) : "";
                if (name.equals("user")) user = value;
                else if (name.equals("password")) password = value;
                else kept.add(p);
            }
        }
        String hostPort = u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "");
        String query = kept.isEmpty() ? "" : "?" + String.join("&", kept);
        String jdbc = "jdbc:postgresql://" + hostPort + u.getRawPath() + query;
        String shown = "postgresql://" + (user == null ? "" : user + "@") + hostPort + u.getRawPath() + query;
        return new PgUrl(jdbc, user, password, shown);
    }

    /** The credentials as driver properties. */
    Properties credentials() {
        Properties p = new Properties();
        if (user != null) p.setProperty("user", user);
        if (password != null) p.setProperty("password", password);
        return p;
    }

    @Override
    public String toString() {
        return shown;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
