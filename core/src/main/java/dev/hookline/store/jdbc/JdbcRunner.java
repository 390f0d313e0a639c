package dev.hookline.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/**
 * Runs a store implementation's statements in plain JDBC, positional parameters bound by type (a
 * {@code String[]} as a {@code text[]}). A dialect chooses whether each connection's prepared
 * statements are kept here ({@link #keeping}; {@link #forget} drops them before the connection
 * closes) or prepared per use for a driver that keeps them itself, and what a failure becomes.
 */
public final class JdbcRunner {
    /** Null: statements are prepared per use and closed after it. */
    private final ConcurrentHashMap<Connection, ConcurrentHashMap<String, PreparedStatement>> kept;
    private final Function<SQLException, RuntimeException> failure;

    private JdbcRunner(boolean keep, Function<SQLException, RuntimeException> failure) {
        this.kept = keep ? new ConcurrentHashMap<>() : null;
        this.failure = failure;
    }

    /** Keeps each connection's prepared statements; a statement that failed is not reused. */
    public static JdbcRunner keeping(Function<SQLException, RuntimeException> failure) {
        return new JdbcRunner(true, failure);
    }

    /** Prepares each statement per use (the driver caches by text, so preparing again is a look-up). */
    public static JdbcRunner preparingEachTime(Function<SQLException, RuntimeException> failure) {
        return new JdbcRunner(false, failure);
    }

    /** Reads one row of a result set (the cursor is on it). */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    @FunctionalInterface
    private interface Execution<T> {
        T run(PreparedStatement ps) throws SQLException;
    }

    /** Executes {@code sql} with positional {@code params} on the handle's connection, in its transaction. */
    public int update(Handle h, String sql, Object... params) {
        return run(h, sql, params, PreparedStatement::executeUpdate);
    }

    /** Runs the query {@code sql} with positional {@code params} on the handle's connection; one element per row. */
    public <T> List<T> query(Handle h, String sql, RowReader<T> reader, Object... params) {
        return run(h, sql, params, ps -> {
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(reader.read(rs));
            }
            return out;
        });
    }

    /** The first row of a query, if any. */
    public <T> Optional<T> first(Handle h, String sql, RowReader<T> reader, Object... params) {
        List<T> rows = query(h, sql, reader, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** A nullable integer column: SQL NULL as null. */
    public static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    /** Closes and forgets the statements kept for {@code c}. */
    public void forget(Connection c) {
        ConcurrentHashMap<String, PreparedStatement> statements = kept == null ? null : kept.remove(c);
        if (statements == null) return;
        for (PreparedStatement ps : statements.values()) closeQuietly(ps);
    }

    private <T> T run(Handle h, String sql, Object[] params, Execution<T> execution) {
        Connection c = h.getConnection();
        try {
            if (kept == null) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    bind(c, ps, params);
                    return execution.run(ps);
                }
            }
            PreparedStatement ps = keptStatement(c, sql);
            bind(c, ps, params);
            return execution.run(ps);
        } catch (SQLException e) {
            dropBroken(c, sql);
            throw failure.apply(e);
        }
    }

    private PreparedStatement keptStatement(Connection c, String sql) throws SQLException {
        ConcurrentHashMap<String, PreparedStatement> statements = kept.computeIfAbsent(c, k -> new ConcurrentHashMap<>());
        PreparedStatement ps = statements.get(sql);
        if (ps == null || ps.isClosed()) {
            ps = c.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    /** A kept statement that failed half-way is not reused. */
    private void dropBroken(Connection c, String sql) {
        ConcurrentHashMap<String, PreparedStatement> statements = kept == null ? null : kept.get(c);
        PreparedStatement broken = statements == null ? null : statements.remove(sql);
        if (broken != null) closeQuietly(broken);
    }

    private static void closeQuietly(PreparedStatement ps) {
        try {
            ps.close();
        } catch (SQLException ignored) {
            // the connection closes next, or the failure is already reported
        }
    }

    private static void bind(Connection c, PreparedStatement ps, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p == null) ps.setNull(i + 1, Types.NULL);
            else if (p instanceof String s) ps.setString(i + 1, s);
            else if (p instanceof Long l) ps.setLong(i + 1, l);
            else if (p instanceof Integer n) ps.setInt(i + 1, n);
            else if (p instanceof Boolean b) ps.setBoolean(i + 1, b);
            else if (p instanceof byte[] b) ps.setBytes(i + 1, b);
            else if (p instanceof String[] a) ps.setArray(i + 1, c.createArrayOf("text", a));
            else throw new IllegalArgumentException("unsupported parameter type " + p.getClass());
        }
    }
}
