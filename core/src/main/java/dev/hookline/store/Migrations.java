package dev.hookline.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The one numbered list of schema changes, for every store: a script's version is the number in
 * its name, and each dialect keeps its own script of that name in {@code db/<dialect>/}
 * ({@code db/sqlite/V1__init.sql}, {@code db/postgres/V1__init.sql}, …). A schema change is a new
 * line here and one file per dialect; a test fails while a name lacks a dialect's file. Each store
 * applies, in the order listed, every script whose version it has not recorded.
 */
public final class Migrations {
    public static final List<String> NAMES = List.of(
            "V1__init.sql",
            "V2__due_index_with_host.sql",
            "V3__due_index_by_host.sql",
            "V4__keys_and_secret_rotation.sql",
            "V5__twilio_settings.sql",
            "V6__dashboard_indexes.sql",
            "V7__webhook_options.sql",
            "V8__calls_by_age.sql",
            "V9__deliveries_by_status.sql");

    /** The dialects, by their folder under {@code db/}. */
    public static final List<String> DIALECTS = List.of("sqlite", "postgres");

    private Migrations() {}

    /** The version a script's name gives: {@code V7__webhook_options.sql} is 7. */
    public static int version(String name) {
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }

    /** The version a fully migrated database is at: the highest listed. */
    public static int latest() {
        return NAMES.stream().mapToInt(Migrations::version).max().orElse(0);
    }

    /** The resource path of script {@code name} in {@code dialect}. */
    public static String path(String dialect, String name) {
        return "/db/" + dialect + "/" + name;
    }

    /** The text of script {@code name} in {@code dialect}. */
    public static String script(String dialect, String name) {
        String path = path(dialect, name);
        try (InputStream in = Migrations.class.getResourceAsStream(path)) {
            if (in == null) throw new StoreException("migration " + path + " is listed but missing", null);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("cannot read migration " + path, e);
        }
    }

    /** Splits a script on the semicolons that end statements; our scripts hold no triggers, functions or string semicolons. */
    public static List<String> split(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--")) continue;
            int comment = line.indexOf("--");
            cur.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
            if (trimmed.endsWith(";") || (comment >= 0 && line.substring(0, comment).strip().endsWith(";"))) {
                String stmt = cur.toString().strip();
                stmt = stmt.substring(0, stmt.length() - 1).strip();
                if (!stmt.isEmpty()) out.add(stmt);
                cur.setLength(0);
            }
        }
        if (!cur.toString().isBlank()) out.add(cur.toString().strip());
        return out;
    }
}
