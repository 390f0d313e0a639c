package dev.hookline.slack;

/**
 * Slack's text rules: mrkdwn escapes only {@code &}, {@code <} and {@code >}; links are
 * {@code <url|label>}, phone links {@code <tel:+15551234567|+1 555-123-4567>}; texts over a
 * block's limit are cut with an ellipsis. Stateless.
 */
final class Mrkdwn {
    static final String ELLIPSIS = "…";

    private Mrkdwn() {}

    /** Escapes {@code &}, {@code <} and {@code >} as Slack asks; nothing else. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) appendEscaped(b, s.charAt(i));
        return b.toString();
    }

    /**
     * {@code raw} escaped and, when that is longer than {@code max} characters, cut to fit with a
     * trailing ellipsis. Never cuts inside an escape or a surrogate pair.
     */
    static String fit(String raw, int max) {
        String escaped = escape(raw);
        if (escaped.length() <= max) return escaped;
        StringBuilder b = new StringBuilder(max);
        int budget = max - ELLIPSIS.length();
        for (int i = 0; i < raw.length(); ) {
            int cp = raw.codePointAt(i);
            String piece = cp == '&' || cp == '<' || cp == '>' ? escape(Character.toString(cp)) : new String(Character.toChars(cp));
            if (b.length() + piece.length() > budget) break;
            b.append(piece);
            i += Character.charCount(cp);
        }
        return b.append(ELLIPSIS).toString();
    }

    /** Plain text (no escaping, as in a header) cut to {@code max} characters with an ellipsis. */
    static String cut(String plain, int max) {
        if (plain.length() <= max) return plain;
        int end = max - ELLIPSIS.length();
        if (Character.isHighSurrogate(plain.charAt(end - 1))) end--;
        return plain.substring(0, end) + ELLIPSIS;
    }

    /** A {@code <url|label>} link; characters that would end the link early are percent-encoded in the URL. */
    static String link(String url, String label) {
        String safeUrl = url.replace("&", "&amp;").replace("<", "%3C").replace(">", "%3E").replace("|", "%7C");
        return "<" + safeUrl + "|" + escape(label).replace("|", "¦") + ">";
    }

    /** A tappable phone link for an E.164-looking number; anything else comes back escaped as text. */
    static String phone(String number) {
        if (number == null || number.isBlank()) return "unknown";
        String n = number.strip();
        if (!n.matches("\\+?[0-9]{3,15}")) return escape(n);
        String e164 = n.startsWith("+") ? n : "+" + n;
        return "<tel:" + e164 + "|" + displayPhone(n) + ">";
    }

    /** {@code +15551234567} reads as {@code +1 555-123-4567}; other numbers are shown as given. */
    static String displayPhone(String number) {
        if (number == null) return "unknown";
        String n = number.strip();
        if (n.matches("\\+1[0-9]{10}")) {
            return "+1 " + n.substring(2, 5) + "-" + n.substring(5, 8) + "-" + n.substring(8);
        }
        return n;
    }

    private static void appendEscaped(StringBuilder b, char c) {
        switch (c) {
            case '&' -> b.append("&amp;");
            case '<' -> b.append("&lt;");
            case '>' -> b.append("&gt;");
            default -> b.append(c);
        }
    }
}
