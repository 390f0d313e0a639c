package dev.hookline.model;

import java.util.HashMap;
import java.util.Map;

/**
 * A call as stored: its identity, the flow it ran through, and every other payload field in
 * {@code details} (absent keys are unknown, i.e. {@code null} on the wire). {@code status} is null
 * while only the live side ({@code voice/inbound}) has seen the call. Times are epoch ms.
 */
public record Call(
        String callId,
        String businessId,
        String callFlowId,
        String trackingNumber,
        String callerNumber,
        String status,
        Map<String, Object> details,
        boolean aiProcessed,
        String inCallTrace,
        long createdAt,
        Long reportedAt) {

    public Call {
        details = frozen(details);
    }

    /** An immutable copy without the null values (absent means unknown); a copy of such a map is the map itself. */
    private static Map<String, Object> frozen(Map<String, Object> details) {
        boolean nulls = false;
        for (Object v : details.values()) nulls |= v == null; // not containsValue(null): immutable maps refuse to look
        if (!nulls) return Map.copyOf(details);
        Map<String, Object> known = new HashMap<>();
        details.forEach((k, v) -> {
            if (v != null) known.put(k, v);
        });
        return Map.copyOf(known);
    }

    public Object detail(String key) {
        return details.get(key);
    }
}
