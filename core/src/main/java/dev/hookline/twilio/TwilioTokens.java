package dev.hookline.twilio;

import dev.hookline.flows.FlowService;
import dev.hookline.http.ApiException;
import dev.hookline.store.TwilioStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Each business's Twilio auth token: set, asked about (never shown), removed, and looked up by the
 * businesses a signed request may be for. The look-up by number is on every live call, so its
 * answers are kept while no flow and no token has changed since (at most {@link #KEEP_MILLIS},
 * for changes made by another hub on a shared store); unknown numbers are not kept. Thread-safe.
 */
final class TwilioTokens {
    /** Twilio's tokens are 32 hex characters; anything printable without spaces is taken, within reason. */
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e]{8,256}");

    static final long KEEP_MILLIS = 10_000;

    /** A look-up's answer and the state it was read in. */
    private record Kept(List<TwilioStore.Candidate> candidates, long flowsGeneration, long tokensGeneration, long readAt) {}

    private final TwilioStore store;
    private final FlowService flows;
    private final Clock clock;
    private final ConcurrentHashMap<String, Kept> byNumber = new ConcurrentHashMap<>();
    /** Moves before and after every token change, as {@link FlowService#generation} does for flows. */
    private final AtomicLong generation = new AtomicLong();

    TwilioTokens(TwilioStore store, FlowService flows, Clock clock) {
        this.store = store;
        this.flows = flows;
        this.clock = clock;
    }

    /** Stores {@code token} for the business, replacing any earlier one; returns when it was set. */
    long set(String businessId, String token) {
        if (!TOKEN.matcher(token).matches()) {
            throw ApiException.invalid("auth_token", "auth_token must be 8-256 printable characters without spaces (Twilio's is 32 hex characters)");
        }
        long now = clock.millis();
        generation.incrementAndGet();
        try {
            store.setToken(businessId, token, now);
        } finally {
            generation.incrementAndGet();
        }
        return now;
    }

    /** When the business's token was set, if it has one. */
    Optional<Long> updatedAt(String businessId) {
        return store.tokenUpdatedAt(businessId);
    }

    void delete(String businessId) {
        generation.incrementAndGet();
        try {
            store.deleteToken(businessId);
        } finally {
            generation.incrementAndGet();
        }
    }

    /** The businesses with {@code number} as a tracking number, with their tokens. */
    List<TwilioStore.Candidate> forNumber(String number) {
        long flowsGen = flows.generation();
        long tokensGen = generation.get();
        long now = clock.millis();
        Kept kept = byNumber.get(number);
        if (kept != null && kept.flowsGeneration() == flowsGen && kept.tokensGeneration() == tokensGen && now - kept.readAt() < KEEP_MILLIS
                && now >= kept.readAt()) {
            return kept.candidates();
        }
        List<TwilioStore.Candidate> found = List.copyOf(store.forNumber(number));
        if (found.isEmpty()) {
            byNumber.remove(number);
        } else if (flows.generation() == flowsGen && generation.get() == tokensGen) {
            byNumber.put(number, new Kept(found, flowsGen, tokensGen, now));
        }
        return found;
    }

    /** Every business with a token: for requests that name no number (recording callbacks). */
    List<TwilioStore.Candidate> withToken() {
        return store.withToken();
    }
}
