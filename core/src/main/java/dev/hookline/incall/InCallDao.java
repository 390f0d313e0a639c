package dev.hookline.incall;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The live side's SQL: writing the in-call trace of a call. Every statement is scoped by business.
 * Attach it to a handle per use (JDBI on-demand semantics); it holds no state.
 */
public interface InCallDao {

    /**
     * Stores the trace of a live run: creates the call (no status, not reported yet) when it is
     * new; else keeps the call as it is (reported or not) and replaces only its trace.
     */
    @SqlUpdate("""
            INSERT INTO calls(call_id, business_id, call_flow_id, tracking_number, caller_number, status, fields, ai_processed,
                              in_call_trace, created_at, reported_at)
            VALUES (:callId, :businessId, :callFlowId, :trackingNumber, :callerNumber, NULL, '{}', 0, :trace, :createdAt, NULL)
            ON CONFLICT(business_id, call_id) DO UPDATE SET
                in_call_trace = excluded.in_call_trace,
                call_flow_id = coalesce(calls.call_flow_id, excluded.call_flow_id)""")
    void saveTrace(@Bind("businessId") String businessId, @Bind("callId") String callId, @Bind("callFlowId") String callFlowId,
                   @Bind("trackingNumber") String trackingNumber, @Bind("callerNumber") String callerNumber,
                   @Bind("trace") String trace, @Bind("createdAt") long createdAt);

    /** Replaces the trace entry at {@code position} (the final outcome of a fired webhook). */
    @SqlUpdate("""
            UPDATE calls SET in_call_trace = json_set(in_call_trace, '$[' || :position || ']', json(:entry))
            WHERE business_id = :businessId AND call_id = :callId AND json_array_length(in_call_trace) > :position""")
    int setTraceEntry(@Bind("businessId") String businessId, @Bind("callId") String callId, @Bind("position") int position,
                      @Bind("entry") String entry);
}
