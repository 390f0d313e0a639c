package dev.hookline.store.jdbc;

import dev.hookline.store.TwilioStore;
import java.util.List;
import java.util.Optional;

/** Twilio auth tokens, in statements both dialects run; each dialect appends in-call trace entries its own way. */
public abstract class JdbcTwilio implements TwilioStore {
    // statements both dialects run as written; candidates are read as business_id, auth_token
    private static final String SET = "INSERT INTO twilio_settings(business_id, auth_token, updated_at) VALUES (?, ?, ?) "
            + "ON CONFLICT (business_id) DO UPDATE SET auth_token = excluded.auth_token, updated_at = excluded.updated_at";
    private static final String UPDATED_AT = "SELECT updated_at FROM twilio_settings WHERE business_id = ?";
    private static final String DELETE = "DELETE FROM twilio_settings WHERE business_id = ?";
    private static final String FOR_NUMBER = "SELECT t.business_id, s.auth_token FROM tracking_numbers t JOIN businesses b ON b.id = t.business_id "
            + "LEFT JOIN twilio_settings s ON s.business_id = t.business_id WHERE t.number = ? ORDER BY b.created_at, b.id";
    private static final String WITH_TOKEN = "SELECT s.business_id, s.auth_token FROM twilio_settings s JOIN businesses b ON b.id = s.business_id "
            + "ORDER BY b.created_at, b.id";

    protected final Transactions db;
    protected final JdbcRunner jdbc;

    protected JdbcTwilio(Transactions db, JdbcRunner jdbc) {
        this.db = db;
        this.jdbc = jdbc;
    }

    @Override
    public void setToken(String businessId, String authToken, long now) {
        db.write(h -> jdbc.update(h, SET, businessId, authToken, now));
    }

    @Override
    public Optional<Long> tokenUpdatedAt(String businessId) {
        return db.read(h -> jdbc.first(h, UPDATED_AT, rs -> rs.getLong(1), businessId));
    }

    @Override
    public boolean deleteToken(String businessId) {
        return db.write(h -> jdbc.update(h, DELETE, businessId)) > 0;
    }

    @Override
    public List<Candidate> forNumber(String number) {
        return db.read(h -> jdbc.query(h, FOR_NUMBER, rs -> new Candidate(rs.getString(1), rs.getString(2)), number));
    }

    @Override
    public List<Candidate> withToken() {
        return db.read(h -> jdbc.query(h, WITH_TOKEN, rs -> new Candidate(rs.getString(1), rs.getString(2))));
    }
}
