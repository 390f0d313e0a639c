package dev.hookline.incall;

import dev.hookline.flows.FlowJson;
import dev.hookline.flows.Step;
import dev.hookline.store.Database;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the flow a live call runs: one indexed query from the tracking number to the flow's id and
 * stored steps, whose parsed form is kept by their text (so an edited flow is simply new text, and
 * nothing can be stale). The call is live: this look-up is on the answer's path. Thread-safe.
 */
final class LiveFlows {
    private final Database db;
    private final FlowJson json;
    private final Map<String, List<Step>> parsed;

    LiveFlows(Database db, FlowJson json, int capacity) {
        this.db = db;
        this.json = json;
        this.parsed = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, List<Step>> eldest) {
                return size() > capacity;
            }
        };
    }

    Optional<LiveFlow> forNumber(String businessId, String trackingNumber) {
        return db.read(h -> h.attach(InCallDao.class).flowForNumber(businessId, trackingNumber))
                .map(row -> new LiveFlow(row.id(), steps(row.steps())));
    }

    private List<Step> steps(String text) {
        synchronized (parsed) {
            List<Step> s = parsed.get(text);
            if (s != null) return s;
        }
        List<Step> s = List.copyOf(json.stepsFromText(text));
        synchronized (parsed) {
            parsed.putIfAbsent(text, s);
        }
        return s;
    }
}
