package dev.hookline.store.sqlite;

import dev.hookline.store.jdbc.JdbcTwilio;

/** Twilio auth tokens in SQLite; the trace entry is appended with SQLite's JSON functions. */
final class SqliteTwilio extends JdbcTwilio {
    private static final String APPEND = "UPDATE calls SET in_call_trace = json_insert(coalesce(in_call_trace, '[]'), '$[#]', "
            + "json_set(json(?), '$.step', json_extract(in_call_trace, '$[#-1].step'))) WHERE business_id = ? AND call_id = ?";

    SqliteTwilio(Database db) {
        super(db, Jdbc.RUN);
    }

    @Override
    public boolean appendTraceEntry(String businessId, String callId, String entryJson) {
        return db.write(h -> jdbc.update(h, APPEND, entryJson, businessId, callId)) > 0;
    }
}
