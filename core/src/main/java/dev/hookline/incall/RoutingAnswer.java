package dev.hookline.incall;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.flows.FlowValidator;
import java.io.IOException;
import java.util.Locale;

/**
 * Reads a wait-for-response answer: a JSON object {@code {"action": "forward", "destination": …}},
 * {@code {"action": "say", "message": …}} or {@code {"action": "hangup", "message": …}} (message
 * optional), alone in the body. A forward's destination must be a phone number, as in a forward
 * step. Anything else is unusable, and {@link #problem} says why. Immutable.
 */
record RoutingAnswer(Action action, String problem) {
    static final int MAX_DESTINATION = 128;
    static final int MAX_MESSAGE = 4096;

    public static RoutingAnswer parse(ObjectMapper mapper, byte[] body) {
        if (body.length == 0) return unusable("the answer is empty; expected a JSON object with an \"action\"");
        JsonNode n;
        try (JsonParser p = mapper.createParser(body)) {
            n = mapper.readTree(p);
            if (n != null && !nothingAfter(p)) return unusable("the answer has text after its JSON");
        } catch (IOException e) {
            return unusable("the answer is not JSON");
        }
        if (n == null || !n.isObject()) return unusable("the answer is not a JSON object");
        JsonNode a = n.get("action");
        if (a == null || !a.isTextual()) return unusable("the answer has no \"action\" string");
        String action = a.asText().trim().toLowerCase(Locale.ROOT);
        switch (action) {
            case "forward" -> {
                JsonNode d = n.get("destination");
                if (d == null || !d.isTextual() || d.asText().isBlank()) return unusable("forward without a \"destination\"");
                if (d.asText().length() > MAX_DESTINATION) return unusable("the destination is longer than " + MAX_DESTINATION + " characters");
                String to = d.asText().trim();
                if (!FlowValidator.PHONE.matcher(to).matches()) {
                    return unusable("the destination \"" + abbreviate(to) + "\" is not a phone number such as +13055554567");
                }
                return new RoutingAnswer(Action.forward(to), null);
            }
            case "say" -> {
                JsonNode m = n.get("message");
                if (m == null || !m.isTextual() || m.asText().isBlank()) return unusable("say without a \"message\"");
                if (m.asText().length() > MAX_MESSAGE) return unusable("the message is longer than " + MAX_MESSAGE + " characters");
                return new RoutingAnswer(Action.say(m.asText()), null);
            }
            case "hangup" -> {
                JsonNode m = n.get("message");
                if (m == null || m.isNull()) return new RoutingAnswer(Action.hangup(null), null);
                if (!m.isTextual()) return unusable("the hangup \"message\" is not a string");
                if (m.asText().length() > MAX_MESSAGE) return unusable("the message is longer than " + MAX_MESSAGE + " characters");
                return new RoutingAnswer(Action.hangup(m.asText()), null);
            }
            default -> {
                return unusable("unknown action \"" + abbreviate(a.asText()) + "\"; expected forward, say or hangup");
            }
        }
    }

    /** True when only white space follows the value just read. */
    private static boolean nothingAfter(JsonParser p) {
        try {
            return p.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    private static RoutingAnswer unusable(String problem) {
        return new RoutingAnswer(null, problem);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
