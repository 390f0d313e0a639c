package dev.hookline.plugins;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A minimal JSON writer for connectors, which get no JSON library from the hub: maps (keys as
 * strings, in iteration order), lists, strings, numbers, booleans and null. Thread-safe.
 */
public final class Json {
    /** Largest buffer a thread keeps between writes; a larger one is left to the collector. */
    private static final int KEPT_BUFFER_MAX = 64 * 1024;
    /**
     * Each thread's buffer, kept between writes: a 38-field event grew a fresh one four times on
     * its way to ~1.5 KB (~4 KB of arrays per attempt). Taken out while in use, so a write from
     * inside a write (a value's {@code toString}) gets a buffer of its own.
     */
    private static final ThreadLocal<StringBuilder> BUFFER = new ThreadLocal<>();

    private Json() {}

    public static String write(Object value) {
        StringBuilder b = buffer();
        try {
            write(b, value);
            return b.toString();
        } finally {
            keep(b);
        }
    }

    /** As {@link #write}, as UTF-8 bytes: one array made, with no text in between when it is all ASCII. */
    public static byte[] writeUtf8(Object value) {
        StringBuilder b = buffer();
        try {
            write(b, value);
            int n = b.length();
            byte[] out = new byte[n];
            for (int i = 0; i < n; i++) {
                char c = b.charAt(i);
                if (c >= 0x80) return b.toString().getBytes(StandardCharsets.UTF_8);
                out[i] = (byte) c;
            }
            return out;
        } finally {
            keep(b);
        }
    }

    private static StringBuilder buffer() {
        StringBuilder b = BUFFER.get();
        if (b == null) return new StringBuilder(2048);
        BUFFER.set(null);
        b.setLength(0);
        return b;
    }

    private static void keep(StringBuilder b) {
        if (b.capacity() <= KEPT_BUFFER_MAX) BUFFER.set(b);
    }

    private static void write(StringBuilder b, Object v) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof String s) {
            string(b, s);
        } else if (v instanceof Long n) { // digits straight into the buffer: append(Object) makes a String per number
            b.append(n.longValue());
        } else if (v instanceof Integer n) {
            b.append(n.intValue());
        } else if (v instanceof Boolean t) {
            b.append(t.booleanValue());
        } else if (v instanceof Number) {
            b.append(v);
        } else if (v instanceof Map<?, ?> m) {
            b.append('{');
            int start = b.length();
            // forEach, not the entry set: an unmodifiable map's entry set wraps every entry it hands out
            m.forEach((key, value) -> {
                if (b.length() > start) b.append(',');
                string(b, String.valueOf(key));
                b.append(':');
                write(b, value);
            });
            b.append('}');
        } else if (v instanceof List<?> l) {
            b.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) b.append(',');
                write(b, l.get(i));
            }
            b.append(']');
        } else {
            string(b, v.toString());
        }
    }

    /** Appends {@code s} as a JSON string literal. */
    public static void string(StringBuilder b, String s) {
        b.append('"');
        escape(b, s);
        b.append('"');
    }

    /** {@code s} escaped for use inside a JSON string literal (RFC 8259), without the quotes. */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        escape(b, s);
        return b.toString();
    }

    private static void escape(StringBuilder b, String s) {
        int plain = 0;
        while (plain < s.length() && !needsEscape(s.charAt(plain))) plain++;
        if (plain == s.length()) {
            // most values need no escaping: one array copy instead of an append per character
            b.append(s);
            return;
        }
        b.append(s, 0, plain);
        for (int i = plain; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
    }

    private static boolean needsEscape(char c) {
        return c < 0x20 || c == '"' || c == '\\' || c == '\u2028' || c == '\u2029';
    }
}
