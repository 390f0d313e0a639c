package dev.hookline.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The one numbered list of schema changes, for every store: version n is {@code NAMES[n-1]}, and
 * each dialect keeps its own script of that name in {@code db/<dialect>/} ({@code db/sqlite/V1__init.sql},
 * {@code db/postgres/V1__init.sql}, …). A schema change is a new line here and one file per dialect;
 * a test fails while a number lacks a dialect's file. Each store applies the list on start.
 */
public final class Migrations {
    public static final List<String> NAMES = List.of(
            "V1__init.sql",
            "V2__due_index_with_host.sql",
            "V3__due_index_by_host.sql");

    /** The dialects, by their folder under {@code db/}. */
    public static final List<String> DIALECTS = List.of("sqlite", "postgres");

    private Migrations() {}

    /** The version a fully migrated database is at. */
    public static int latest() {
        return NAMES.size();
    }

    /** The resource path of version {@code version}'s script in {@code dialect}. */
    public static String path(String dialect, int version) {
        return "/db/" + dialect + "/" + NAMES.get(version - 1);
    }

    /** The text of version {@code version}'s script in {@code dialect}. */
    public static String script(String dialect, int version) {
        String path = path(dialect, version);
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
