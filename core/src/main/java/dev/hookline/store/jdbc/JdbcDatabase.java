package dev.hookline.store.jdbc;

/** A store implementation's database as its store sees it: transactions, the schema in force, health, and closing. */
public interface JdbcDatabase extends Transactions, AutoCloseable {
    /** The schema version in force: the highest migration applied. */
    int schemaVersion();

    /** The database answers and the writer commits. */
    boolean healthy();

    @Override
    void close();
}
