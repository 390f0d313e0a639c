package dev.hookline.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import org.jdbi.v3.core.Handle;

/**
 * Plain JDBC for the few statements on the hot path of every call (insert the call and its
 * delivery, record an attempt). JDBI binds record fields by reflection on each execution, which
 * profiling showed to be most of the single writer's time; a prepared statement with positional
 * parameters costs a fraction of it. Everything else stays in JDBI DAOs.
 */
public final class Jdbc {
    private Jdbc() {}

    /** Executes {@code sql} with positional {@code params} on the handle's connection, in its transaction. */
    public static int update(Handle h, String sql, Object... params) {
        Connection c = h.getConnection();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                Object p = params[i];
                if (p == null) ps.setNull(i + 1, Types.NULL);
                else if (p instanceof String s) ps.setString(i + 1, s);
                else if (p instanceof Long l) ps.setLong(i + 1, l);
                else if (p instanceof Integer n) ps.setInt(i + 1, n);
                else if (p instanceof Boolean b) ps.setInt(i + 1, b ? 1 : 0);
                else throw new IllegalArgumentException("unsupported parameter type " + p.getClass());
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(e.getMessage(), e);
        }
    }
}
