package dev.hookline.store.postgres;

import dev.hookline.store.StoreException;
import dev.hookline.store.StoreUnavailableException;
import dev.hookline.store.jdbc.JdbcRunner;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * PostgreSQL's {@link JdbcRunner}: the driver keeps each connection's prepared statements by text,
 * so statements are prepared per use; contention fails with {@link StoreUnavailableException}.
 * Static entry points for the classes that call it directly.
 */
final class PgJdbc {
    static final JdbcRunner RUN = JdbcRunner.preparingEachTime(e -> {
        StoreUnavailableException busy = PgFailures.contention(e);
        return busy != null ? busy : new StoreException(e.getMessage(), e);
    });

    private PgJdbc() {}

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
