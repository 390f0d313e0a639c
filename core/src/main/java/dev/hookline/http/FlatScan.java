package dev.hookline.http;

import dev.hookline.plugins.ValueMap;
import java.nio.charset.StandardCharsets;

/**
 * Reads the shape nearly every call report has, without a parser object: one JSON object of
 * ASCII strings without escapes, whole numbers of up to 18 digits, booleans and nulls, nothing
 * after it but white space. Anything else (an escape, a non-ASCII byte, a fraction, a nested
 * value, a syntax error) makes it give up, and {@link FlatInput} reads the body with Jackson,
 * whose answers (values and error messages) are the reference.
 */
final class FlatScan {
    private static final int MAX_KEY = 256;
    /** Keys seen before, by their hash: a report's keys come as the same Strings each time. */
    private static final String[] KEYS = new String[1024];

    private final byte[] b;
    private int i;

    private FlatScan(byte[] b) {
        this.b = b;
    }

    /** The body's values ({@code nul} for a JSON null), or null when the body is not of the simple shape. */
    static ValueMap read(byte[] body, Object nul) {
        return new FlatScan(body).object(nul);
    }

    private ValueMap object(Object nul) {
        if (!skipTo('{')) return null;
        ValueMap out = new ValueMap(32);
        i++;
        if (!space()) return null;
        if (b[i] == '}') {
            i++;
            return end() ? out : null;
        }
        while (true) {
            if (b[i] != '"') return null;
            String key = key();
            if (key == null || !space() || b[i++] != ':' || !space()) return null;
            Object v = value(nul);
            if (v == null || !space()) return null;
            out.put(key, v);
            byte c = b[i++];
            if (c == '}') return end() ? out : null;
            if (c != ',' || !space()) return null;
        }
    }

    private Object value(Object nul) {
        byte c = b[i];
        if (c == '"') {
            int start = ++i;
            if (!stringEnd()) return null;
            return new String(b, start, i++ - start, StandardCharsets.ISO_8859_1);
        }
        if (c == '-' || (c >= '0' && c <= '9')) return number();
        if (word("true")) return Boolean.TRUE;
        if (word("false")) return Boolean.FALSE;
        if (word("null")) return nul;
        return null;
    }

    /** A whole number of 1-18 digits, without a leading zero; null for anything Jackson reads otherwise. */
    private Object number() {
        boolean negative = b[i] == '-';
        int start = negative ? ++i : i;
        long n = 0;
        while (i < b.length && b[i] >= '0' && b[i] <= '9') n = n * 10 + (b[i++] - '0');
        int digits = i - start;
        if (digits == 0 || digits > 18 || (digits > 1 && b[start] == '0') || !delimiter()) return null;
        return negative ? -n : n;
    }

    private boolean word(String w) {
        int n = w.length();
        if (i + n > b.length) return false;
        for (int k = 0; k < n; k++) {
            if (b[i + k] != w.charAt(k)) return false;
        }
        i += n;
        return delimiter();
    }

    private boolean delimiter() {
        if (i >= b.length) return false;
        byte c = b[i];
        return c == ',' || c == '}' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /** Moves to the closing quote of a string of plain printable ASCII; false at anything else. */
    private boolean stringEnd() {
        while (i < b.length) {
            byte c = b[i];
            if (c == '"') return true;
            if (c < 0x20 || c == '\\') return false; // a negative byte is non-ASCII
            i++;
        }
        return false;
    }

    private String key() {
        int start = ++i;
        if (!stringEnd() || i - start > MAX_KEY) return null;
        int len = i++ - start;
        int h = 0;
        for (int k = start; k < start + len; k++) h = 31 * h + b[k];
        int slot = h & (KEYS.length - 1);
        String known = KEYS[slot];
        if (known != null && known.hashCode() == h && same(known, start, len)) return known;
        String key = new String(b, start, len, StandardCharsets.ISO_8859_1);
        KEYS[slot] = key; // a String is immutable: any thread may see it or the one it replaced
        return key;
    }

    private boolean same(String known, int start, int len) {
        if (known.length() != len) return false;
        for (int k = 0; k < len; k++) {
            if (known.charAt(k) != b[start + k]) return false;
        }
        return true;
    }

    /** Skips white space to {@code c}; false at anything else. */
    private boolean skipTo(char c) {
        return space() && b[i] == c;
    }

    /** Skips white space; false when the body ends first. */
    private boolean space() {
        while (i < b.length) {
            byte c = b[i];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return true;
            i++;
        }
        return false;
    }

    /** Nothing but white space after the object. */
    private boolean end() {
        return !space();
    }
}
