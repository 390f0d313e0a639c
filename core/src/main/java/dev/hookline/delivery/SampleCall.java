package dev.hookline.delivery;

import dev.hookline.model.Call;
import dev.hookline.model.CallFields;
import dev.hookline.plugins.CallEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/** The synthetic call the Test button sends when a flow has had no call yet: every field filled. */
final class SampleCall {
    private SampleCall() {}

    static Call forFlow(String businessId, String flowId, String trackingNumber, long now) {
        // the call fields of the API's full example event: one sample for the hub and for connectors
        Map<String, Object> d = new LinkedHashMap<>();
        CallEvent example = CallEvent.example();
        for (String key : CallFields.DETAILS.keySet()) {
            d.put(key, example.get(key));
        }
        return new Call("test-" + java.util.UUID.randomUUID(), businessId, flowId,
                trackingNumber == null ? "+15735551234" : trackingNumber, "+13055559876", "completed", d, true, null, now, now);
    }
}
