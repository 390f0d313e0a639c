package dev.hookline.incall;

import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The live side's SQL: finding the flow of a tracking number, and writing the in-call trace of a
 * call. Every statement is scoped by business.
 * Attach it to a handle per use (JDBI on-demand semantics); it holds no state.
 */
@RegisterConstructorMapper(InCallDao.FlowRow.class)
public interface InCallDao {

    /** The id and stored steps (JSON) of a flow. */
    record FlowRow(String id, String steps) {}

    /** The flow that has {@code number} among its tracking numbers, in one indexed look-up. */
    @SqlQuery("""
            SELECT f.id, f.steps FROM tracking_numbers t JOIN call_flows f ON f.id = t.call_flow_id AND f.business_id = t.business_id
            WHERE t.business_id = :businessId AND t.number = :number""")
    Optional<FlowRow> flowForNumber(@Bind("businessId") String businessId, @Bind("number") String number);

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
