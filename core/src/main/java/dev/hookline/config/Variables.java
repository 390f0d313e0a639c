package dev.hookline.config;

import java.util.List;

/**
 * The one table of configuration variables: what the hub reads, what {@code --help} prints and
 * what README's configuration table shows (a test keeps the README in step with it).
 */
public final class Variables {
    public static final List<Variable> ALL = List.of(
            new Variable("HOOKLINE_PORT", "8080", "HTTP port (`0` picks a free one; logged as `listening on port N`)"),
            new Variable("HOOKLINE_DATA_DIR", "./data", "holds `hookline.db`, `plugins/` for extra connector jars, and `native/` (SQLite's library, written there once instead of into the temp folder at every start)"),
            new Variable("HOOKLINE_API_KEY", "generated", "bootstrap API key of the default business (at least 16 characters); "
                    + "when unset on first start a key is generated, stored hashed and printed once"),
            new Variable("HOOKLINE_ALLOW_PRIVATE_TARGETS", "false",
                    "allow webhook URLs on loopback/private/link-local addresses (development and tests)"),
            new Variable("HOOKLINE_RETRY_DELAYS", "30s,2m", "delays before attempts 2..N; attempts = 1 + count; units `ms`, `s`, `m`, `h`"),
            new Variable("HOOKLINE_POST_CALL_TIMEOUT", "10s", "time-out of one post-call attempt"),
            new Variable("HOOKLINE_AI_WAIT_TIMEOUT", "5m", "Wait-for-AI fallback: fire anyway after this long"),
            new Variable("HOOKLINE_FSYNC", "false", "`true` makes every commit wait for the disk (survives a power cut, "
                    + "not only a crash of the hub), at a cost in throughput"),
            new Variable("HOOKLINE_DATABASE_URL", "unset", "`postgresql://user:pass@host:port/db` (or the `jdbc:postgresql:` form): "
                    + "PostgreSQL as the shared store of several instances; unset keeps SQLite in the data dir"),
            new Variable("HOOKLINE_ADMIN_KEY", "unset", "operator key for `/api/v1/admin/*` (at least 16 characters); "
                    + "admin routes answer 404 while it is unset"),
            new Variable("HOOKLINE_PUBLIC_URL", "unset", "the hub's URL as the outside world calls it (`https://hooks.example.com`): "
                    + "links in the UI, and the URL Twilio signatures are computed over"),
            new Variable("HOOKLINE_RETENTION", "90d", "calls, deliveries and attempts older than this are pruned in the background; "
                    + "`0` keeps everything"),
            new Variable("HOOKLINE_LOG_FORMAT", "text", "`text`, or `json` for one JSON object per log line"),
            new Variable("HOOKLINE_GOOGLE_TOKEN_URL", "unset", "overrides Google's OAuth token endpoint for the `sheets-api` connector (emulators in tests)"),
            new Variable("HOOKLINE_SHEETS_API_URL", "unset", "overrides the Google Sheets API base URL for the `sheets-api` connector (emulators in tests)"));

    private Variables() {}

    public static List<String> names() {
        return ALL.stream().map(Variable::name).toList();
    }

    /** README's table: one row per variable, with its flag. */
    public static String markdownTable() {
        StringBuilder out = new StringBuilder("| variable | flag | default | meaning |\n| --- | --- | --- | --- |\n");
        for (Variable v : ALL) {
            out.append("| `").append(v.name()).append("` | `").append(v.flag()).append("` | `").append(v.defaultValue())
                    .append("` | ").append(v.meaning()).append(" |\n");
        }
        return out.toString();
    }
}
