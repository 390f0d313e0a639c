package dev.hookline.store.postgres;

import dev.hookline.store.StoreUnavailableException;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Which database failures are the database's and not the request's, by SQLSTATE: no connection
 * (unreachable, shutting down, too many connections, the pool's wait ran out) fails a whole write
 * batch; contention (a deadlock, a lock or statement time-out) fails only the write that met it.
 * Both answer 503 with {@code Retry-After}: nothing was stored, the same request can succeed later.
 */
final class PgFailures {
    private PgFailures() {}

    /** The failure as the store's own (the database cannot be used now), or null. */
    static StoreUnavailableException unavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return new StoreUnavailableException("no database connection was free in time (pool exhausted or database unreachable)", 2, t);
            }
            if (t instanceof SQLException e && e.getSQLState() != null) {
                String state = e.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53") || state.startsWith("58")
                        || state.equals("25006")) {
                    return new StoreUnavailableException("the database cannot be used now (" + state + ": " + firstLine(e) + ")", 5, t);
                }
            }
            if (t instanceof IOException) return new StoreUnavailableException("the database cannot be reached: " + t.getMessage(), 5, t);
        }
        return null;
    }

    /** The failure as contention between writers, or null. */
    static StoreUnavailableException contention(SQLException e) {
        String state = e.getSQLState();
        if (state == null) return null;
        return switch (state) {
            case "40001", "40P01", "55P03", "57014" ->
                    new StoreUnavailableException("the database is busy (" + state + ": " + firstLine(e) + ")", 1, e);
            default -> null;
        };
    }

    private static String firstLine(SQLException e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
