package dev.hookline.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.hookline.plugins.ValueMap;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A request body that is one flat JSON object (a call report, an analysis), read from its bytes in
 * one pass into a map of plain values (strings, longs, booleans) instead of a tree, with the checks
 * and messages of {@link JsonInput}; the usual shape without a parser object ({@link FlatScan}).
 * The hot path of every call report. One per request.
 */
public final class FlatInput {
    /** A JSON null. */
    static final Object NULL = new Object();
    /** A value that is none of string, whole number within a long, boolean or null: a fraction, an object, an array. */
    private static final Object OTHER = new Object();

    private final ValueMap values;

    private FlatInput(ValueMap values) {
        this.values = values;
    }

    /** Reads a body that must be one JSON object; a later duplicate key wins, as in a tree. */
    public static FlatInput parse(JsonFactory json, byte[] body) {
        if (body == null || JsonInput.isBlank(body)) throw JsonInput.empty();
        ValueMap simple = FlatScan.read(body, NULL);
        return new FlatInput(simple != null ? simple : parsed(json, body));
    }

    /** Jackson's reading of the body: the reference {@link FlatScan} gives way to. */
    static ValueMap parsed(JsonFactory json, byte[] body) {
        try (JsonParser p = json.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw ApiException.invalid(null, "the body must be a JSON object");
            ValueMap values = new ValueMap(32);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                values.put(key, value(p, p.nextToken()));
            }
            return values;
        } catch (IOException e) {
            throw JsonInput.malformed(e);
        }
    }

    private static Object value(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? OTHER : (Object) p.getLongValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> NULL;
            default -> {
                p.skipChildren(); // an object or array is read through (and checked) but kept as OTHER
                yield OTHER;
            }
        };
    }

    /** The keys, in the body's order. */
    public Set<String> keys() {
        return values.keySet();
    }

    /** Given and not null. */
    public boolean present(String field) {
        Object v = values.get(field);
        return v != null && v != NULL;
    }

    /** Rejects keys not in {@code allowed}. */
    public void allowOnly(Set<String> allowed) {
        for (String k : values.keySet()) {
            if (!allowed.contains(k)) throw JsonInput.unknown(k);
        }
    }

    public String string(String field, boolean required) {
        Object v = values.get(field);
        if (v == null || v == NULL) {
            if (required) throw ApiException.missing(field);
            return null;
        }
        if (!(v instanceof String s)) throw JsonInput.notA(field, "a string");
        if (required && s.isBlank()) throw ApiException.invalid(field, field + " must not be empty");
        return s;
    }

    public String requiredString(String field) {
        return string(field, true);
    }

    public String optionalString(String field) {
        return string(field, false);
    }

    public Boolean optionalBoolean(String field) {
        Object v = values.get(field);
        if (v == null || v == NULL) return null;
        if (!(v instanceof Boolean b)) throw JsonInput.notA(field, "true or false");
        return b;
    }

    public Long optionalLong(String field, long min, long max) {
        Object v = values.get(field);
        if (v == null || v == NULL) return null;
        if (!(v instanceof Long n)) throw JsonInput.notA(field, "a whole number");
        JsonInput.within(field, n, min, max);
        return n;
    }

    /**
     * Reads each of {@code fields} given and not null with {@code read} (which checks it, and may
     * throw), in {@code order}; then the body's own map holds those values only, and is returned.
     */
    public Map<String, Object> keepOnly(List<String> order, Set<String> fields, Function<String, Object> read) {
        for (String key : order) {
            if (fields.contains(key) && present(key)) values.put(key, read.apply(key));
        }
        values.removeIf((k, v) -> !fields.contains(k) || v == NULL);
        return values;
    }
}
