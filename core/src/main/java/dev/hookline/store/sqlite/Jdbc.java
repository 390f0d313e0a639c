package dev.hookline.store.sqlite;

import dev.hookline.store.StoreException;
import dev.hookline.store.jdbc.JdbcRunner;
import java.sql.Connection;

/**
 * SQLite's {@link JdbcRunner}: each connection's prepared statements are kept ({@link #forget} drops
 * them before the connection closes).
 */
final class Jdbc {
    static final JdbcRunner RUN = JdbcRunner.keeping(e -> new StoreException(e.getMessage(), e));

    private Jdbc() {}

    static void forget(Connection c) {
        RUN.forget(c);
    }
}
