package dev.hookline.flows;

import dev.hookline.http.ApiException;
import dev.hookline.store.Database;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;

/** Creates, changes and finds call flows, always within one business. Thread-safe. */
public final class FlowService {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database db;
    private final FlowJson json;
    private final Clock clock;
    /**
     * Flows by "business|id" and flow ids by "business|number", for call ingestion, which looks a
     * flow up on every call. Any change to a flow empties both; an entry is only added when no
     * change happened while it was read ({@code generation}).
     */
    private final ConcurrentHashMap<String, CallFlow> flowCache = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> numberCache = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    public FlowService(Database db, FlowJson json, Clock clock) {
        this.db = db;
        this.json = json;
        this.clock = clock;
    }

    public CallFlow create(String businessId, FlowInput in) {
        long now = clock.millis();
        CallFlow flow = new CallFlow(UUID.randomUUID().toString(), businessId, in.name(), in.trackingNumbers(),
                in.postCallWebhook(), in.steps(), newSecret(), now, now);
        db.write(h -> {
            FlowDao dao = h.attach(FlowDao.class);
            dao.insert(row(flow));
            claimNumbers(dao, businessId, flow.id(), in.trackingNumbers());
            return null;
        });
        invalidate();
        return flow;
    }

    public CallFlow replace(String businessId, String id, FlowInput in) {
        invalidate();
        try {
            return doReplace(businessId, id, in);
        } finally {
            invalidate();
        }
    }

    private CallFlow doReplace(String businessId, String id, FlowInput in) {
        return db.write(h -> {
            FlowDao dao = h.attach(FlowDao.class);
            CallFlow old = load(dao, businessId, id).orElseThrow(() -> notFound(id));
            CallFlow flow = new CallFlow(id, businessId, in.name(), in.trackingNumbers(), in.postCallWebhook(), in.steps(),
                    old.signingSecret(), old.createdAt(), Math.max(clock.millis(), old.updatedAt()));
            dao.clearNumbers(businessId, id);
            claimNumbers(dao, businessId, id, in.trackingNumbers());
            dao.update(row(flow));
            return flow;
        });
    }

    public void delete(String businessId, String id) {
        invalidate();
        int n = db.write(h -> h.attach(FlowDao.class).delete(businessId, id));
        invalidate();
        if (n == 0) throw notFound(id);
    }

    public CallFlow get(String businessId, String id) {
        return find(businessId, id).orElseThrow(() -> notFound(id));
    }

    public Optional<CallFlow> find(String businessId, String id) {
        return db.read(h -> load(h.attach(FlowDao.class), businessId, id));
    }

    /** The flow a call runs through: by id when given, else by tracking number; cached between flow changes. */
    public Optional<CallFlow> forCall(String businessId, String flowId, String trackingNumber) {
        long gen = generation.get();
        String id = flowId;
        if (id == null) {
            String key = businessId + "|" + trackingNumber;
            id = numberCache.get(key);
            if (id == null) {
                id = db.read(h -> h.attach(FlowDao.class).flowIdForNumber(businessId, trackingNumber)).orElse(null);
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

    /** A flow changed outside this service (its secret was rotated): the next look-up reads it again. */
    public void changed() {
        invalidate();
    }

    private void invalidate() {
        generation.incrementAndGet();
        flowCache.clear();
        numberCache.clear();
    }

    /** Finds a flow inside an open transaction. */
    public Optional<CallFlow> find(Handle h, String businessId, String id) {
        return load(h.attach(FlowDao.class), businessId, id);
    }

    public Optional<String> flowIdForNumber(Handle h, String businessId, String number) {
        return h.attach(FlowDao.class).flowIdForNumber(businessId, number);
    }

    public List<CallFlow> list(String businessId) {
        return db.read(h -> {
            FlowDao dao = h.attach(FlowDao.class);
            Map<String, List<String>> numbers = new LinkedHashMap<>();
            for (FlowDao.NumberRow r : dao.numbers(businessId)) {
                numbers.computeIfAbsent(r.callFlowId(), k -> new ArrayList<>()).add(r.number());
            }
            List<CallFlow> out = new ArrayList<>();
            for (FlowDao.FlowRow r : dao.list(businessId)) {
                out.add(fromRow(r, numbers.getOrDefault(r.id(), List.of())));
            }
            return out;
        });
    }

    private void claimNumbers(FlowDao dao, String businessId, String flowId, List<String> numbers) {
        for (int i = 0; i < numbers.size(); i++) {
            Optional<String> owner = dao.flowIdForNumber(businessId, numbers.get(i));
            if (owner.isPresent() && !owner.get().equals(flowId)) {
                throw ApiException.conflict("tracking_numbers[" + i + "]",
                        "tracking number " + numbers.get(i) + " already belongs to call flow " + owner.get());
            }
            dao.insertNumber(businessId, numbers.get(i), flowId, i);
        }
    }

    private Optional<CallFlow> load(FlowDao dao, String businessId, String id) {
        return dao.find(businessId, id).map(r -> fromRow(r, dao.numbersOf(businessId, id)));
    }

    private CallFlow fromRow(FlowDao.FlowRow r, List<String> numbers) {
        PostCallWebhook w = new PostCallWebhook(r.webhookEnabled(), r.webhookUrl(), FiringMode.fromWire(r.firingMode()), r.connector(),
                json.settingsFromText(r.connectorSettings()));
        return new CallFlow(r.id(), r.businessId(), r.name(), numbers, w, json.stepsFromText(r.steps()), r.signingSecret(),
                r.createdAt(), r.updatedAt());
    }

    private FlowDao.FlowRow row(CallFlow f) {
        PostCallWebhook w = f.postCallWebhook();
        return new FlowDao.FlowRow(f.id(), f.businessId(), f.name(), w.enabled(), w.url(), w.firingMode().wire(), w.connector(),
                json.settingsToText(w.settings()), f.signingSecret(), json.stepsToText(f.steps()), f.createdAt(), f.updatedAt());
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
