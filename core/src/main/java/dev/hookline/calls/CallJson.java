package dev.hookline.calls;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.model.Call;
import dev.hookline.model.CallFields;
import dev.hookline.plugins.CallEvent;
import dev.hookline.time.Times;
import java.util.LinkedHashMap;
import java.util.Map;

/** The API view of a stored call: every call field of the payload (null where unknown), plus its live trace. */
public final class CallJson {
    private final ObjectMapper mapper;

    public CallJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public Map<String, Object> view(Call c) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : CallEvent.FIELDS) {
            switch (key) {
                case "event" -> out.put(key, c.status() == null ? null : CallFields.eventFor(c.status()));
                case "call_id" -> out.put(key, c.callId());
                case "business_id" -> out.put(key, c.businessId());
                case "call_flow_id" -> out.put(key, c.callFlowId());
                case "tracking_number" -> out.put(key, c.trackingNumber());
                case "caller_number" -> out.put(key, c.callerNumber());
                case "status" -> out.put(key, c.status());
                case "ai_processed" -> out.put(key, c.aiProcessed());
                case "created_at" -> out.put(key, Times.iso(c.createdAt()));
                case "call_flow_name", "webhook_sent_at", "delivery_id", "attempt" -> { }
                default -> out.put(key, c.detail(key));
            }
        }
        out.put("reported_at", Times.iso(c.reportedAt()));
        out.put("in_call_trace", trace(c.inCallTrace()));
        return out;
    }

    private Object trace(String text) {
        if (text == null) return null;
        try {
            return mapper.readTree(text);
        } catch (Exception e) {
            return null;
        }
    }
}
