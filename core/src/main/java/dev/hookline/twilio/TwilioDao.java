package dev.hookline.twilio;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The Twilio front door's SQL: each business's auth token, the businesses a signed request may
 * come for, and the outcome of a forwarded leg appended to a call's trace. Attach it to a handle
 * per use; it holds no state.
 */
@RegisterConstructorMapper(TwilioDao.Candidate.class)
public interface TwilioDao {

    /** A business a request may be for, with its auth token (null when it has set none). */
    record Candidate(String businessId, String authToken) {}

    @SqlUpdate("""
            INSERT INTO twilio_settings(business_id, auth_token, updated_at) VALUES (:businessId, :authToken, :now)
            ON CONFLICT(business_id) DO UPDATE SET auth_token = excluded.auth_token, updated_at = excluded.updated_at""")
    void setToken(@Bind("businessId") String businessId, @Bind("authToken") String authToken, @Bind("now") long now);

    @SqlQuery("SELECT updated_at FROM twilio_settings WHERE business_id = :businessId")
    Optional<Long> tokenUpdatedAt(@Bind("businessId") String businessId);

    @SqlUpdate("DELETE FROM twilio_settings WHERE business_id = :businessId")
    int deleteToken(@Bind("businessId") String businessId);

    /** Every business with {@code number} among its tracking numbers, oldest business first. */
    @SqlQuery("""
            SELECT t.business_id, s.auth_token FROM tracking_numbers t
            JOIN businesses b ON b.id = t.business_id
            LEFT JOIN twilio_settings s ON s.business_id = t.business_id
            WHERE t.number = :number ORDER BY b.created_at, b.id""")
    List<Candidate> forNumber(@Bind("number") String number);

    /** Every business that has set an auth token, oldest first (a request that names no number). */
    @SqlQuery("""
            SELECT s.business_id, s.auth_token FROM twilio_settings s JOIN businesses b ON b.id = s.business_id
            ORDER BY b.created_at, b.id""")
    List<Candidate> withToken();

    /**
     * Appends {@code entry} (a trace entry as JSON) to the call's trace, its {@code step} the one
     * of the entry before it (the step that forwarded the call). 0 rows when the call is unknown.
     */
    @SqlUpdate("""
            UPDATE calls SET in_call_trace = json_insert(coalesce(in_call_trace, '[]'), '$[#]',
                json_set(json(:entry), '$.step', json_extract(in_call_trace, '$[#-1].step')))
            WHERE business_id = :businessId AND call_id = :callId""")
    int appendTraceEntry(@Bind("businessId") String businessId, @Bind("callId") String callId, @Bind("entry") String entry);
}
