package dev.hookline.incall;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the telephony side is told to do: {@code say} a message (the flow goes on), {@code forward}
 * to a destination or {@code hangup} with an optional message (both end the flow). Front doors
 * other than {@code voice/inbound} (TwiML) render these. Immutable.
 */
public record Action(String action, String destination, String message) {

    public static Action say(String message) {
        return new Action("say", null, message);
    }

    public static Action forward(String destination) {
        return new Action("forward", destination, null);
    }

    public static Action hangup(String message) {
        return new Action("hangup", null, message);
    }

    /** True for forward and hangup: nothing runs after them. */
    public boolean endsFlow() {
        return !action.equals("say");
    }

    /** {@code {"action":"forward","destination":…}} or {@code {"action":"say"|"hangup","message":…}}. */
    public Map<String, Object> view() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("action", action);
        if (action.equals("forward")) {
            m.put("destination", destination);
        } else {
            m.put("message", message);
        }
        return m;
    }
}
