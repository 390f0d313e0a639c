package dev.hookline.store;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementExceptions;

/**
 * How a failed statement reads in an exception message, and so in the log: its SQL, never its
 * arguments. JDBI's default adds the bound values, which carry webhook URLs (capabilities for
 * Slack or Zapier), signing secrets and key hashes.
 */
public final class StatementMessages {
    private static final int SQL_SHOWN = 200;

    private StatementMessages() {}

    public static void withoutArguments(Jdbi jdbi) {
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(e -> {
            StatementContext ctx = e.getStatementContext();
            String sql = ctx == null ? null : ctx.getRawSql();
            if (sql == null) return e.getShortMessage();
            String shown = sql.length() > SQL_SHOWN ? sql.substring(0, SQL_SHOWN) + "…" : sql;
            return e.getShortMessage() + " [statement: \"" + shown + "\"]";
        });
    }
}
