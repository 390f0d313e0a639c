package dev.hookline.store;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Credentials: businesses' API keys (stored as SHA-256 hashes; revoked keys are kept, marked) and
 * call flows' signing secrets with the one a rotation replaced. Every statement on a key or a
 * flow that an API caller names is scoped by business.
 */
@RegisterConstructorMapper(CredentialDao.KeyRow.class)
@RegisterConstructorMapper(CredentialDao.FlowSecrets.class)
public interface CredentialDao {

    record KeyRow(String id, String businessId, String name, String keyPrefix, String keyHash, boolean bootstrap, long createdAt,
                  Long lastUsedAt, Long revokedAt) {}

    /** A flow's current secret and the previous one, with when that stops signing (epoch ms; both null when none). */
    record FlowSecrets(String signingSecret, String previousSecret, Long previousSecretExpiresAt) {}

    String KEY_COLUMNS = "id, business_id, name, key_prefix, key_hash, bootstrap, created_at, last_used_at, revoked_at";

    @SqlUpdate("INSERT INTO api_keys(id, business_id, name, key_prefix, key_hash, bootstrap, created_at) "
            + "VALUES (:id, :businessId, :name, :prefix, :hash, :bootstrap, :createdAt)")
    void insertKey(@Bind("id") String id, @Bind("businessId") String businessId, @Bind("name") String name, @Bind("prefix") String prefix,
                   @Bind("hash") String hash, @Bind("bootstrap") boolean bootstrap, @Bind("createdAt") long createdAt);

    @SqlQuery("SELECT " + KEY_COLUMNS + " FROM api_keys WHERE key_prefix = :prefix AND revoked_at IS NULL")
    List<KeyRow> activeByPrefix(@Bind("prefix") String prefix);

    @SqlQuery("SELECT " + KEY_COLUMNS + " FROM api_keys WHERE id = :id AND revoked_at IS NULL")
    Optional<KeyRow> activeById(@Bind("id") String id);

    /** Any key with this hash, revoked or not. */
    @SqlQuery("SELECT " + KEY_COLUMNS + " FROM api_keys WHERE key_hash = :hash")
    Optional<KeyRow> byHash(@Bind("hash") String hash);

    @SqlQuery("SELECT " + KEY_COLUMNS + " FROM api_keys WHERE business_id = :businessId AND revoked_at IS NULL ORDER BY created_at, id")
    List<KeyRow> activeKeys(@Bind("businessId") String businessId);

    @SqlQuery("SELECT count(*) FROM api_keys WHERE business_id = :businessId AND revoked_at IS NULL")
    int countActive(@Bind("businessId") String businessId);

    @SqlQuery("SELECT " + KEY_COLUMNS + " FROM api_keys WHERE id = :id AND business_id = :businessId AND revoked_at IS NULL")
    Optional<KeyRow> findActive(@Bind("businessId") String businessId, @Bind("id") String id);

    @SqlUpdate("UPDATE api_keys SET revoked_at = :at WHERE id = :id AND business_id = :businessId AND revoked_at IS NULL")
    int revoke(@Bind("businessId") String businessId, @Bind("id") String id, @Bind("at") long at);

    @SqlUpdate("UPDATE api_keys SET bootstrap = 1 WHERE id = :id")
    void markBootstrap(@Bind("id") String id);

    /** Revokes the business's bootstrap keys but {@code keepId}; returns how many. */
    @SqlUpdate("UPDATE api_keys SET revoked_at = :at WHERE business_id = :businessId AND bootstrap = 1 AND id <> :keepId AND revoked_at IS NULL")
    int revokeBootstrapExcept(@Bind("businessId") String businessId, @Bind("keepId") String keepId, @Bind("at") long at);

    @SqlUpdate("UPDATE api_keys SET last_used_at = :at WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :at)")
    void touch(@Bind("id") String id, @Bind("at") long at);

    @SqlQuery("SELECT signing_secret, previous_secret, previous_secret_expires_at FROM call_flows WHERE id = :id AND business_id = :businessId")
    Optional<FlowSecrets> flowSecrets(@Bind("businessId") String businessId, @Bind("id") String flowId);

    /** Makes {@code secret} the flow's signing secret; the one it replaces signs too until {@code previousExpiresAt}. */
    @SqlUpdate("UPDATE call_flows SET previous_secret = signing_secret, previous_secret_expires_at = :previousExpiresAt, "
            + "signing_secret = :secret, updated_at = :now WHERE id = :id AND business_id = :businessId")
    int rotate(@Bind("businessId") String businessId, @Bind("id") String flowId, @Bind("secret") String secret,
               @Bind("previousExpiresAt") long previousExpiresAt, @Bind("now") long now);
}
