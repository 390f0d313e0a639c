package dev.hookline.store.postgres;

import dev.hookline.store.StoreException;
import dev.hookline.store.StoreUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Runs this package's statements in plain JDBC with positional parameters bound by type (a
 * {@code String[]} as a {@code text[]}). The driver keeps each connection's prepared statements by
 * text, so preparing again is a look-up. Contention fails with {@link StoreUnavailableException}.
 */
final class PgJdbc {
    private PgJdbc() {}

    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    static int update(Handle h, String sql, Object... params) {
        Connection c = h.getConnection();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, params);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    static <T> List<T> query(Handle h, String sql, RowReader<T> reader, Object... params) {
        Connection c = h.getConnection();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, params);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(reader.read(rs));
            }
            return out;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    static <T> Optional<T> first(Handle h, String sql, RowReader<T> reader, Object... params) {
        List<T> rows = query(h, sql, reader, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static void bind(Connection c, PreparedStatement ps, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p == null) ps.setNull(i + 1, Types.NULL);
            else if (p instanceof String s) ps.setString(i + 1, s);
            else if (p instanceof Long l) ps.setLong(i + 1, l);
            else if (p instanceof Integer n) ps.setInt(i + 1, n);
            else if (p instanceof Boolean b) ps.setBoolean(i + 1, b);
            else if (p instanceof String[] a) ps.setArray(i + 1, c.createArrayOf("text", a));
            else throw new IllegalArgumentException("unsupported parameter type " + p.getClass());
        }
    }

    private static RuntimeException failed(SQLException e) {
        StoreUnavailableException busy = PgFailures.contention(e);
        return busy != null ? busy : new StoreException(e.getMessage(), e);
    }
}
