package dev.hookline.store;

import java.util.List;
import java.util.Optional;

/**
 * The Twilio front door's storage: each business's auth token (the HMAC key of Twilio's request
 * signatures, kept as given; never shown by the API) and the businesses a signed request may be for.
 */
public interface TwilioStore {

    /** A business a request may be for, with its auth token (null when it has set none). */
    record Candidate(String businessId, String authToken) {}

    void setToken(String businessId, String authToken, long now);

    Optional<Long> tokenUpdatedAt(String businessId);

    /** Forgets the business's token; false when it had none. */
    boolean deleteToken(String businessId);

    /** Every business with {@code number} among its tracking numbers, oldest business first. */
    List<Candidate> forNumber(String number);

    /** Every business that has set an auth token, oldest first (a request that names no number). */
    List<Candidate> withToken();

    /**
     * Appends {@code entryJson} (a trace entry) to a call's in-call trace, its {@code step} the one
     * of the entry before it; false when the call is unknown.
     */
    boolean appendTraceEntry(String businessId, String callId, String entryJson);
}
