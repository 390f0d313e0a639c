package dev.hookline.incall;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One step of a live flow run as the trace shows it. {@code statusCode} and {@code error} are
 * null when they do not apply; {@code durationMs} is the time the step took (for a fired webhook:
 * the hand-off, later replaced by the whole request's time). Immutable.
 */
record TraceEntry(int step, String type, Outcome outcome, Integer statusCode, long durationMs, String error) {

    public static TraceEntry of(int step, String type, Outcome outcome, long durationMs) {
        return new TraceEntry(step, type, outcome, null, durationMs, null);
    }

    /** The JSON form: {@code step, type, outcome, status_code, duration_ms, error}, nulls kept. */
    public Map<String, Object> view() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", step);
        m.put("type", type);
        m.put("outcome", outcome.wire());
        m.put("status_code", statusCode);
        m.put("duration_ms", durationMs);
        m.put("error", error);
        return m;
    }
}
