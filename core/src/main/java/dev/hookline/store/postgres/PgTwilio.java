package dev.hookline.store.postgres;

import dev.hookline.store.TwilioStore;
import java.util.List;
import java.util.Optional;

/** Twilio auth tokens in PostgreSQL; the trace entry is appended with jsonb. */
final class PgTwilio implements TwilioStore {
    private static final String SET = "INSERT INTO twilio_settings(business_id, auth_token, updated_at) VALUES (?, ?, ?) "
            + "ON CONFLICT (business_id) DO UPDATE SET auth_token = excluded.auth_token, updated_at = excluded.updated_at";
    private static final String UPDATED_AT = "SELECT updated_at FROM twilio_settings WHERE business_id = ?";
    private static final String DELETE = "DELETE FROM twilio_settings WHERE business_id = ?";
    private static final String FOR_NUMBER = "SELECT t.business_id, s.auth_token FROM tracking_numbers t JOIN businesses b ON b.id = t.business_id "
            + "LEFT JOIN twilio_settings s ON s.business_id = t.business_id WHERE t.number = ? ORDER BY b.created_at, b.id";
    private static final String WITH_TOKEN = "SELECT s.business_id, s.auth_token FROM twilio_settings s JOIN businesses b ON b.id = s.business_id "
            + "ORDER BY b.created_at, b.id";
    private static final String APPEND = "UPDATE calls SET in_call_trace = (coalesce(in_call_trace, '[]')::jsonb "
            + "|| jsonb_build_array(?::jsonb || jsonb_build_object('step', coalesce(in_call_trace, '[]')::jsonb -> -1 -> 'step')))::text "
            + "WHERE business_id = ? AND call_id = ?";

    private final PgDatabase db;

    PgTwilio(PgDatabase db) {
        this.db = db;
    }

    @Override
    public void setToken(String businessId, String authToken, long now) {
        db.write(h -> PgJdbc.update(h, SET, businessId, authToken, now));
    }

    @Override
    public Optional<Long> tokenUpdatedAt(String businessId) {
        return db.read(h -> PgJdbc.first(h, UPDATED_AT, rs -> rs.getLong(1), businessId));
    }

    @Override
    public boolean deleteToken(String businessId) {
        return db.write(h -> PgJdbc.update(h, DELETE, businessId)) > 0;
    }

    @Override
    public List<Candidate> forNumber(String number) {
        return db.read(h -> PgJdbc.query(h, FOR_NUMBER, rs -> new Candidate(rs.getString(1), rs.getString(2)), number));
    }

    @Override
    public List<Candidate> withToken() {
        return db.read(h -> PgJdbc.query(h, WITH_TOKEN, rs -> new Candidate(rs.getString(1), rs.getString(2))));
    }

    @Override
    public boolean appendTraceEntry(String businessId, String callId, String entryJson) {
        return db.write(h -> PgJdbc.update(h, APPEND, entryJson, businessId, callId)) > 0;
    }
}
