package dev.hookline.store.sqlite;

import dev.hookline.store.jdbc.JdbcTwilio;

/** Twilio auth tokens in SQLite; the trace entry is appended with SQLite's JSON functions. */
final class SqliteTwilio extends JdbcTwilio {
    private static final String SET = "INSERT INTO twilio_settings(business_id, auth_token, updated_at) VALUES (?, ?, ?) "
            + "ON CONFLICT(business_id) DO UPDATE SET auth_token = excluded.auth_token, updated_at = excluded.updated_at";
    private static final String UPDATED_AT = "SELECT updated_at FROM twilio_settings WHERE business_id = ?";
    private static final String DELETE = "DELETE FROM twilio_settings WHERE business_id = ?";
    private static final String FOR_NUMBER = "SELECT t.business_id, s.auth_token FROM tracking_numbers t JOIN businesses b ON b.id = t.business_id "
            + "LEFT JOIN twilio_settings s ON s.business_id = t.business_id WHERE t.number = ? ORDER BY b.created_at, b.id";
    private static final String WITH_TOKEN = "SELECT s.business_id, s.auth_token FROM twilio_settings s JOIN businesses b ON b.id = s.business_id "
            + "ORDER BY b.created_at, b.id";
    private static final String APPEND = "UPDATE calls SET in_call_trace = json_insert(coalesce(in_call_trace, '[]'), '$[#]', "
            + "json_set(json(?), '$.step', json_extract(in_call_trace, '$[#-1].step'))) WHERE business_id = ? AND call_id = ?";

    SqliteTwilio(Database db) {
        super(db, Jdbc.RUN, new Statements(SET, UPDATED_AT, DELETE, FOR_NUMBER, WITH_TOKEN));
    }

    @Override
    public boolean appendTraceEntry(String businessId, String callId, String entryJson) {
        return db.write(h -> jdbc.update(h, APPEND, entryJson, businessId, callId)) > 0;
    }
}
