package dev.hookline.delivery;

import dev.hookline.model.Attempt;
import dev.hookline.model.Delivery;
import dev.hookline.model.DeliveryStatus;
import dev.hookline.time.Times;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The API views of deliveries and attempts. */
final class DeliveryJson {
    private DeliveryJson() {}

    static Map<String, Object> summary(Delivery d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("delivery_id", d.deliveryId());
        m.put("call_id", d.callId());
        m.put("call_flow_id", d.callFlowId());
        m.put("event", d.event());
        m.put("url", d.url());
        m.put("connector", d.connector());
        m.put("status", d.status().wire());
        m.put("test", d.test());
        m.put("redelivery_of", d.redeliveryOf());
        m.put("message_id", d.webhookId());
        m.put("attempt_count", d.attempts());
        m.put("created_at", Times.iso(d.createdAt()));
        m.put("next_attempt_at", d.status() == DeliveryStatus.PENDING ? Times.iso(d.nextAttemptAt()) : null);
        m.put("completed_at", Times.iso(d.completedAt()));
        boolean skipped = d.status() == DeliveryStatus.SKIPPED;
        m.put("last_error", skipped ? null : d.lastError());
        m.put("skipped", skipped ? d.lastError() : null);
        return m;
    }

    static Map<String, Object> full(Delivery d, List<Attempt> attempts) {
        Map<String, Object> m = summary(d);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Attempt a : attempts) {
            Map<String, Object> am = new LinkedHashMap<>();
            am.put("attempt", a.attempt());
            am.put("sent_at", Times.iso(a.sentAt()));
            am.put("status_code", a.statusCode());
            am.put("duration_ms", a.durationMs());
            am.put("error", a.error());
            am.put("response_body", a.responseBody());
            list.add(am);
        }
        m.put("attempts", list);
        return m;
    }
}
