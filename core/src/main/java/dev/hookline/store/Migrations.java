package dev.hookline.store;

import java.util.ArrayList;
import java.util.List;

/** The numbered migration scripts, in order. A new schema change is a new file and a new line here. */
final class Migrations {
    static final List<String> NAMES = List.of(
            "V1__init.sql",
            "V2__due_index_with_host.sql",
            "V3__due_index_by_host.sql",
            "V4__keys_and_secret_rotation.sql");

    private Migrations() {}

    /** Splits a script on the semicolons that end statements; our scripts hold no triggers or string semicolons. */
    static List<String> split(String script) {
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
