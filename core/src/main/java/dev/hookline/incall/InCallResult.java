package dev.hookline.incall;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The answer to {@code voice/inbound}: the actions for the telephony side and the trace of the run. Immutable. */
record InCallResult(String callSid, String callFlowId, List<Action> actions, List<TraceEntry> trace) {

    public InCallResult {
        actions = List.copyOf(actions);
        trace = List.copyOf(trace);
    }

    public Map<String, Object> view() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("call_sid", callSid);
        m.put("call_flow_id", callFlowId);
        m.put("actions", actions.stream().map(Action::view).toList());
        m.put("trace", trace.stream().map(TraceEntry::view).toList());
        return m;
    }
}
