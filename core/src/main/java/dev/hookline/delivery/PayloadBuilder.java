package dev.hookline.delivery;

import dev.hookline.model.Call;
import dev.hookline.model.Delivery;
import dev.hookline.plugins.CallEvent;
import dev.hookline.time.Times;

/** Builds the 38-field post-call event of one attempt: every key present, {@code null} where unknown, times in whole seconds. */
public final class PayloadBuilder {
    private PayloadBuilder() {}

    public static CallEvent build(Call call, Delivery d, int attempt, long sentAt) {
        CallEvent.Builder m = CallEvent.builder();
        for (String key : CallEvent.FIELDS) {
            m.put(key, switch (key) {
                case "event" -> d.event();
                case "call_id" -> call.callId();
                case "business_id" -> call.businessId();
                case "call_flow_id" -> d.callFlowId();
                case "call_flow_name" -> d.callFlowName();
                case "tracking_number" -> call.trackingNumber();
                case "caller_number" -> call.callerNumber();
                case "status" -> call.status();
                case "ai_processed" -> call.aiProcessed();
                case "created_at" -> Times.payload(call.createdAt());
                case "webhook_sent_at" -> Times.payload(sentAt);
                case "delivery_id" -> d.deliveryId();
                case "attempt" -> (long) attempt;
                default -> normalise(call.detail(key));
            });
        }
        return m.build();
    }

    /** JSON numbers come back from the store as Integer or Long; the event carries Long. */
    private static Object normalise(Object v) {
        return v instanceof Integer i ? Long.valueOf(i) : v;
    }
}
