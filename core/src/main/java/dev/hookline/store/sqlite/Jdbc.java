package dev.hookline.store.sqlite;

import dev.hookline.store.StoreException;
import dev.hookline.store.jdbc.JdbcRunner;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * SQLite's {@link JdbcRunner}: each connection's prepared statements are kept ({@link #forget} drops
 * them before the connection closes). Static entry points for the classes that call it directly.
 */
final class Jdbc {
    static final JdbcRunner RUN = JdbcRunner.keeping(e -> new StoreException(e.getMessage(), e));

    private Jdbc() {}

    static void forget(Connection c) {
        RUN.forget(c);
    }

    static int update(Handle h, String sql, Object... params) {
        return RUN.update(h, sql, params);
    }

    static <T> List<T> query(Handle h, String sql, JdbcRunner.RowReader<T> reader, Object... params) {
        return RUN.query(h, sql, reader, params);
    }

    static <T> Optional<T> first(Handle h, String sql, JdbcRunner.RowReader<T> reader, Object... params) {
        return RUN.first(h, sql, reader, params);
    }

    static Long nullableLong(ResultSet rs, int column) throws SQLException {
        return JdbcRunner.nullableLong(rs, column);
    }
}
