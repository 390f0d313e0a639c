package dev.hookline.flows;

import dev.hookline.http.ApiException;
import dev.hookline.model.CallFlow;
import dev.hookline.store.FlowStore;
import dev.hookline.store.NumberTakenException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Creates, changes and finds call flows, always within one business. Thread-safe. */
public final class FlowService {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final FlowStore store;
    private final Clock clock;
    /**
     * Flows by "business|id" and flow ids by "business|number", for call ingestion, which looks a
     * flow up on every call. Any change empties both; an entry is only added when no change
     * happened while it was read ({@code generation}).
     */
    private final ConcurrentHashMap<String, CallFlow> flowCache = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> numberCache = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    public FlowService(FlowStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public CallFlow create(String businessId, FlowInput in) {
        long now = clock.millis();
        CallFlow flow = new CallFlow(UUID.randomUUID().toString(), businessId, in.name(), in.trackingNumbers(),
                HeaderSecrets.resolve(in.postCallWebhook(), null), in.steps(), newSecret(), now, now);
        changing(() -> store.create(flow));
        return flow;
    }

    public CallFlow replace(String businessId, String id, FlowInput in) {
        return changing(() -> store.replace(businessId, id, old -> new CallFlow(id, businessId, in.name(), in.trackingNumbers(),
                HeaderSecrets.resolve(in.postCallWebhook(), old.postCallWebhook()), in.steps(), old.signingSecret(), old.createdAt(),
                Math.max(clock.millis(), old.updatedAt()))))
                .orElseThrow(() -> notFound(id));
    }

    /** Deletes a flow; its pending deliveries end as failed ("call flow deleted"). */
    public void delete(String businessId, String id) {
        if (!changing(() -> store.delete(businessId, id, clock.millis()))) throw notFound(id);
    }

    /** Runs a change with the caches emptied before and after, mapping a taken number to a 409. */
    private <T> T changing(java.util.function.Supplier<T> change) {
        invalidate();
        try {
            return change.get();
        } catch (NumberTakenException e) {
            throw ApiException.conflict("tracking_numbers[" + e.index() + "]", e.getMessage());
        } finally {
            invalidate();
        }
    }

    private void changing(Runnable change) {
        changing(() -> {
            change.run();
            return null;
        });
    }

    public CallFlow get(String businessId, String id) {
        return find(businessId, id).orElseThrow(() -> notFound(id));
    }

    public Optional<CallFlow> find(String businessId, String id) {
        return store.find(businessId, id);
    }

    public List<CallFlow> list(String businessId) {
        return store.list(businessId);
    }

    /** The flow a call runs through: by id when given, else by tracking number; cached between flow changes. */
    public Optional<CallFlow> forCall(String businessId, String flowId, String trackingNumber) {
        long gen = generation.get();
        String id = flowId;
        if (id == null) {
            String key = businessId + "|" + trackingNumber;
            id = numberCache.get(key);
            if (id == null) {
                id = store.flowIdForNumber(businessId, trackingNumber).orElse(null);
                if (id == null) return Optional.empty();
                if (generation.get() == gen) numberCache.put(key, id);
            }
        }
        String key = businessId + "|" + id;
        CallFlow f = flowCache.get(key);
        if (f != null) return Optional.of(f);
        Optional<CallFlow> found = find(businessId, id);
        if (found.isPresent() && generation.get() == gen) flowCache.put(key, found.get());
        return found;
    }

    /** Forgets every cached flow and number (a flow changed outside this service: a rotation, another hub). */
    public void forgetCached() {
        invalidate();
    }

    /**
     * Moves on (before and after) every change to a flow or its tracking numbers: a cache built from
     * flows elsewhere is current while this has not moved since it was read.
     */
    public long generation() {
        return generation.get();
    }

    private void invalidate() {
        generation.incrementAndGet();
        flowCache.clear();
        numberCache.clear();
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("call flow " + id + " not found");
    }

    /** {@code whsec_} + base64 of 32 random bytes, as Standard Webhooks expects. */
    static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }
}
