package dev.hookline.model;

import dev.hookline.plugins.ValueMap;
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
        details = ValueMap.known(details); // read-only, null values left out (absent means unknown)
    }

    public Object detail(String key) {
        return details.get(key);
    }
}
