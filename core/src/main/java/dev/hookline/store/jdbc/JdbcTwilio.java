package dev.hookline.store.jdbc;

import dev.hookline.store.TwilioStore;
import java.util.List;
import java.util.Optional;

/** Twilio auth tokens, in the statements of a dialect; the dialect appends in-call trace entries its own way. */
public abstract class JdbcTwilio implements TwilioStore {
    /** The dialect's statements; candidates are read as business_id, auth_token. */
    public record Statements(String set, String updatedAt, String delete, String forNumber, String withToken) {}

    protected final Transactions db;
    protected final JdbcRunner jdbc;
    private final Statements sql;

    protected JdbcTwilio(Transactions db, JdbcRunner jdbc, Statements sql) {
        this.db = db;
        this.jdbc = jdbc;
        this.sql = sql;
    }

    @Override
    public void setToken(String businessId, String authToken, long now) {
        db.write(h -> jdbc.update(h, sql.set(), businessId, authToken, now));
    }

    @Override
    public Optional<Long> tokenUpdatedAt(String businessId) {
        return db.read(h -> jdbc.first(h, sql.updatedAt(), rs -> rs.getLong(1), businessId));
    }

    @Override
    public boolean deleteToken(String businessId) {
        return db.write(h -> jdbc.update(h, sql.delete(), businessId)) > 0;
    }

    @Override
    public List<Candidate> forNumber(String number) {
        return db.read(h -> jdbc.query(h, sql.forNumber(), rs -> new Candidate(rs.getString(1), rs.getString(2)), number));
    }

    @Override
    public List<Candidate> withToken() {
        return db.read(h -> jdbc.query(h, sql.withToken(), rs -> new Candidate(rs.getString(1), rs.getString(2))));
    }
}
