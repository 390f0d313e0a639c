package dev.hookline.store.postgres;

import dev.hookline.store.jdbc.JdbcKeys;
import org.jdbi.v3.core.Handle;

/** Businesses and API key hashes in PostgreSQL; hubs starting together agree on one default business and store a configured key once. */
final class PgKeys extends JdbcKeys {
    private static final String BOOTSTRAP_LOCK = "SELECT pg_advisory_xact_lock(hashtext('hookline.bootstrap.' || current_schema()))";
    private static final String BUSINESS_LOCK = "SELECT pg_advisory_xact_lock(hashtext('hookline.keys.' || ?))";

    PgKeys(PgDatabase db) {
        super(db, PgJdbc.RUN);
    }

    @Override
    protected void lockBootstrap(Handle h) {
        jdbc.query(h, BOOTSTRAP_LOCK, rs -> null);
    }

    @Override
    protected void lockBusiness(Handle h, String businessId) {
        jdbc.query(h, BUSINESS_LOCK, rs -> null, businessId);
    }
}
