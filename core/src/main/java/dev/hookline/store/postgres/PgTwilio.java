package dev.hookline.store.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookline.store.jdbc.JdbcTwilio;
import java.util.List;

/**
 * Twilio auth tokens in PostgreSQL. A trace entry is appended to the text read under the call's
 * row lock, not through jsonb, which would reorder every entry's keys (the API shows them as stored).
 */
final class PgTwilio extends JdbcTwilio {
    private static final String LOCK_TRACE = "SELECT in_call_trace FROM calls WHERE business_id = ? AND call_id = ? FOR UPDATE";
    private static final String SET_TRACE = "UPDATE calls SET in_call_trace = ? WHERE business_id = ? AND call_id = ?";
    private static final ObjectMapper JSON = new ObjectMapper();

    PgTwilio(PgDatabase db) {
        super(db, PgJdbc.RUN);
    }

    @Override
    public boolean appendTraceEntry(String businessId, String callId, String entryJson) {
        return db.write(h -> {
            List<String> found = jdbc.query(h, LOCK_TRACE, rs -> rs.getString(1), businessId, callId);
            if (found.isEmpty()) return false;
            String trace = appended(found.get(0), entryJson);
            return jdbc.update(h, SET_TRACE, trace, businessId, callId) > 0;
        });
    }

    /** {@code trace} (null: none yet) with {@code entryJson} added last, its {@code step} the one of the entry before it. */
    static String appended(String trace, String entryJson) {
        try {
            JsonNode stored = trace == null ? null : JSON.readTree(trace);
            ArrayNode entries = stored instanceof ArrayNode a ? a : JSON.createArrayNode();
            JsonNode entry = JSON.readTree(entryJson);
            if (entry instanceof ObjectNode o) {
                JsonNode step = entries.isEmpty() ? null : entries.get(entries.size() - 1).get("step");
                o.set("step", step == null ? NullNode.getInstance() : step);
            }
            return JSON.writeValueAsString(entries.add(entry));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("an in-call trace or its new entry is not JSON", e);
        }
    }
}
