package dev.hookline.twilio;

import dev.hookline.incall.Action;
import java.util.List;
import java.util.function.Function;

/**
 * Writes TwiML answers. A flow's actions become {@code <Say>} (say), {@code <Dial action="…">}
 * (forward; the action URL brings the forwarded leg's outcome back) and {@code <Hangup/>}, a hangup
 * with a message being {@code <Say>} then {@code <Hangup/>}. Text and attributes are XML-escaped,
 * and characters XML 1.0 cannot carry at all (most control characters) are left out, so any
 * message still gives a document Twilio can parse. Stateless.
 */
final class TwiML {
    static final String CONTENT_TYPE = "text/xml";
    private static final String PROLOG = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

    private TwiML() {}

    /** The answer to a voice request; {@code dialAction} gives the action URL of a forward to a destination. */
    static String answer(List<Action> actions, Function<String, String> dialAction) {
        StringBuilder b = new StringBuilder(256).append(PROLOG).append("<Response>");
        for (Action a : actions) {
            switch (a.action()) {
                case "say" -> say(b, a.message());
                case "forward" -> dial(b, a.destination(), dialAction.apply(a.destination()));
                case "hangup" -> {
                    if (a.message() != null && !a.message().isBlank()) say(b, a.message());
                    b.append("<Hangup/>");
                }
                default -> throw new IllegalArgumentException("unknown action " + a.action());
            }
        }
        return b.append("</Response>").toString();
    }

    /** {@code <Response><Hangup/></Response>}: what the call does after its forwarded leg ends. */
    static String hangup() {
        return PROLOG + "<Response><Hangup/></Response>";
    }

    private static void say(StringBuilder b, String message) {
        b.append("<Say>");
        escape(b, message == null ? "" : message);
        b.append("</Say>");
    }

    /** The number, the text of {@code <Dial>} (forward steps and routing answers only ever carry phone numbers). */
    private static void dial(StringBuilder b, String destination, String action) {
        b.append("<Dial action=\"");
        escape(b, action);
        b.append("\" method=\"POST\">");
        escape(b, destination);
        b.append("</Dial>");
    }

    /** Escapes for element text and double- or single-quoted attributes; drops what XML 1.0 cannot hold. */
    static void escape(StringBuilder b, String s) {
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    if (allowed(c)) b.appendCodePoint(c);
                }
            }
        }
    }

    /** XML 1.0's Char production: tab, newline, carriage return, and the rest minus surrogates and U+FFFE/U+FFFF. */
    private static boolean allowed(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
    }
}
