package dev.hookline.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.testing.TestHub;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store from before V4, where each change of HOOKLINE_API_KEY added a key and left the old one
 * working: after the upgrade the configured key is the bootstrap key and the earlier ones stop.
 */
class KeyMigrationTest {
    static final String OLD = "hk_old_bootstrap_key_0123456789";
    static final String CURRENT = "hk_current_bootstrap_key_0123456789";
    static final String OTHER = "hk_other_business_key_0123456789";

    @Test
    void earlierBootstrapKeysStopWhenTheUpgradedHubStartsWithTheCurrentOne(@TempDir Path dir) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("hookline.db"));
             Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
            for (int v = 1; v <= 3; v++) {
                for (String stmt : Migrations.split(Migrations.script("sqlite", Migrations.NAMES.get(v - 1)))) s.executeUpdate(stmt);
                s.executeUpdate("INSERT INTO schema_version(version, applied_at) VALUES (" + v + ", 0)");
            }
            s.executeUpdate("INSERT INTO businesses(id, name, created_at) VALUES ('b-default', 'Default', 1), ('b-other', 'Other', 2)");
            insertKey(s, "k-old", "b-default", OLD, 10);
            insertKey(s, "k-current", "b-default", CURRENT, 20);
            insertKey(s, "k-other", "b-other", OTHER, 30);
        }
        try (TestHub hub = TestHub.start(dir, Clock.systemUTC(), c -> c.withApiKey(CURRENT))) {
            assertThat(hub.app().store().schemaVersion()).isGreaterThanOrEqualTo(4);
            assertThat(hub.as(CURRENT).get("/api/v1/call-flows").status()).isEqualTo(200);
            assertThat(hub.as(OLD).get("/api/v1/call-flows").status()).isEqualTo(401);
            assertThat(hub.as(OTHER).get("/api/v1/call-flows").status()).as("another business's key is no bootstrap key").isEqualTo(200);
            assertThat(hub.as(CURRENT).get("/api/v1/api-keys").json().at("/data/0/name").asText()).isEqualTo("bootstrap");
            assertThat(hub.as(OTHER).get("/api/v1/api-keys").json().at("/data/0/name").asText()).isEqualTo("initial");
        }
    }

    private static void insertKey(Statement s, String id, String business, String key, long at) throws Exception {
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        s.executeUpdate("INSERT INTO api_keys(id, business_id, key_prefix, key_hash, created_at) VALUES ('" + id + "', '" + business + "', '"
                + key.substring(0, 10) + "', '" + hash + "', " + at + ")");
    }
}
