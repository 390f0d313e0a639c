package dev.hookline.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One step of a call flow, run in order while the caller is on the line. */
public sealed interface Step permits Step.Webhook, Step.Say, Step.Forward, Step.Hangup {

    String type();

    /** Calls the customer's server; with {@code waitForResponse} its answer may route the call. */
    record Webhook(String url, String method, String body, int timeoutSeconds, boolean waitForResponse) implements Step {
        public String type() {
            return "webhook";
        }
    }

    /** Plays a message and goes on. */
    record Say(String message) implements Step {
        public String type() {
            return "say";
        }
    }

    /** Connects the caller to a number; ends the flow. */
    record Forward(String destination) implements Step {
        public String type() {
            return "forward";
        }
    }

    /** Ends the call, optionally after a message. */
    record Hangup(String message) implements Step {
        public String type() {
            return "hangup";
        }
    }

    /** The JSON form of steps, as the API shows them and the store keeps them. */
    static List<Map<String, Object>> views(List<Step> steps) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Step s : steps) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", s.type());
            if (s instanceof Webhook w) {
                m.put("url", w.url());
                m.put("method", w.method());
                m.put("body", w.body());
                m.put("timeout_seconds", w.timeoutSeconds());
                m.put("wait_for_response", w.waitForResponse());
            } else if (s instanceof Say say) {
                m.put("message", say.message());
            } else if (s instanceof Forward fw) {
                m.put("destination", fw.destination());
            } else if (s instanceof Hangup hu) {
                m.put("message", hu.message());
            }
            out.add(m);
        }
        return out;
    }

    /** A step from its JSON form as {@link #views} wrote it (already validated when it was saved). */
    static Step fromView(Map<String, Object> m) {
        return switch ((String) m.get("type")) {
            case "webhook" -> new Webhook((String) m.get("url"), (String) m.get("method"), (String) m.get("body"),
                    ((Number) m.get("timeout_seconds")).intValue(), Boolean.TRUE.equals(m.get("wait_for_response")));
            case "say" -> new Say((String) m.get("message"));
            case "forward" -> new Forward((String) m.get("destination"));
            default -> new Hangup((String) m.get("message"));
        };
    }
}
