package dev.hookline.store.sqlite;

import dev.hookline.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;

/**
 * Runs this package's statements in plain JDBC, each prepared once per connection and kept
 * ({@link #forget} drops them before the connection closes); positional parameters bound by type.
 */
final class Jdbc {
    private static final ConcurrentHashMap<Connection, ConcurrentHashMap<String, PreparedStatement>> PREPARED = new ConcurrentHashMap<>();

    private Jdbc() {}

    /** Closes and forgets the statements kept for {@code c}. */
    static void forget(Connection c) {
        ConcurrentHashMap<String, PreparedStatement> kept = PREPARED.remove(c);
        if (kept == null) return;
        for (PreparedStatement ps : kept.values()) {
            try {
                ps.close();
            } catch (SQLException ignored) {
                // the connection closes next, taking the statement with it
            }
        }
    }

    private static PreparedStatement prepared(Connection c, String sql) throws SQLException {
        ConcurrentHashMap<String, PreparedStatement> kept = PREPARED.computeIfAbsent(c, k -> new ConcurrentHashMap<>());
        PreparedStatement ps = kept.get(sql);
        if (ps == null || ps.isClosed()) {
            ps = c.prepareStatement(sql);
            kept.put(sql, ps);
        }
        return ps;
    }

    /** Reads one row of a result set (the cursor is on it). */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Executes {@code sql} with positional {@code params} on the handle's connection, in its transaction. */
    static int update(Handle h, String sql, Object... params) {
        Connection c = h.getConnection();
        try {
            PreparedStatement ps = prepared(c, sql);
            bind(ps, params);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failed(c, sql, e);
        }
    }

    /** Runs the query {@code sql} with positional {@code params} on the handle's connection; one element per row. */
    static <T> List<T> query(Handle h, String sql, RowReader<T> reader, Object... params) {
        Connection c = h.getConnection();
        try {
            PreparedStatement ps = prepared(c, sql);
            bind(ps, params);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(reader.read(rs));
            }
            return out;
        } catch (SQLException e) {
            throw failed(c, sql, e);
        }
    }

    /** The first row of a query, if any. */
    static <T> java.util.Optional<T> first(Handle h, String sql, RowReader<T> reader, Object... params) {
        List<T> rows = query(h, sql, reader, params);
        return rows.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(rows.get(0));
    }

    /** A nullable integer column: SQL NULL as null. */
    static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static void bind(PreparedStatement ps, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p == null) ps.setNull(i + 1, Types.NULL);
            else if (p instanceof String s) ps.setString(i + 1, s);
            else if (p instanceof Long l) ps.setLong(i + 1, l);
            else if (p instanceof Integer n) ps.setInt(i + 1, n);
            else if (p instanceof Boolean b) ps.setInt(i + 1, b ? 1 : 0);
            else throw new IllegalArgumentException("unsupported parameter type " + p.getClass());
        }
    }

    /** A statement that failed half-way is not reused. */
    private static StoreException failed(Connection c, String sql, SQLException e) {
        ConcurrentHashMap<String, PreparedStatement> kept = PREPARED.get(c);
        PreparedStatement broken = kept == null ? null : kept.remove(sql);
        if (broken != null) {
            try {
                broken.close();
            } catch (SQLException ignored) {
                // already reported: e
            }
        }
        return new StoreException(e.getMessage(), e);
    }
}
