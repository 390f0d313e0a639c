package dev.hookline.store.postgres;

import dev.hookline.store.StoreException;
import dev.hookline.store.StoreUnavailableException;
import dev.hookline.store.jdbc.JdbcRunner;

/**
 * PostgreSQL's {@link JdbcRunner}: the driver keeps each connection's prepared statements by text,
 * so statements are prepared per use; contention fails with {@link StoreUnavailableException}.
 *
 */
final class PgJdbc {
    static final JdbcRunner RUN = JdbcRunner.preparingEachTime(e -> {
        StoreUnavailableException busy = PgFailures.contention(e);
        return busy != null ? busy : new StoreException(e.getMessage(), e);
    });

    private PgJdbc() {}
}
