package dev.hookline.store;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Businesses and their API keys. Keys are stored as SHA-256 hashes only. */
@RegisterConstructorMapper(BusinessDao.KeyRow.class)
public interface BusinessDao {

    record KeyRow(String id, String businessId, String keyPrefix, String keyHash) {}

    @SqlQuery("SELECT id FROM businesses ORDER BY created_at, id LIMIT 1")
    Optional<String> firstBusinessId();

    @SqlUpdate("INSERT INTO businesses(id, name, created_at) VALUES (:id, :name, :createdAt)")
    void insertBusiness(@Bind("id") String id, @Bind("name") String name, @Bind("createdAt") long createdAt);

    @SqlUpdate("INSERT INTO api_keys(id, business_id, key_prefix, key_hash, created_at) VALUES (:id, :businessId, :prefix, :hash, :createdAt)")
    void insertKey(@Bind("id") String id, @Bind("businessId") String businessId, @Bind("prefix") String prefix,
                   @Bind("hash") String hash, @Bind("createdAt") long createdAt);

    @SqlQuery("SELECT count(*) FROM api_keys WHERE business_id = :businessId")
    int countKeys(@Bind("businessId") String businessId);

    @SqlQuery("SELECT id, business_id, key_prefix, key_hash FROM api_keys WHERE key_prefix = :prefix")
    List<KeyRow> keysByPrefix(@Bind("prefix") String prefix);

    /** The business of a stored key hash (the column is unique), or empty once the key is gone. */
    @SqlQuery("SELECT business_id FROM api_keys WHERE key_hash = :hash")
    Optional<String> businessForKeyHash(@Bind("hash") String hash);
}
