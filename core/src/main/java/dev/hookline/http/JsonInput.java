package dev.hookline.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A JSON object from a request body, read field by field with errors that name the field
 * ({@code steps[2].url}). Reading by hand instead of binding lets every wrong type, missing field
 * and unknown key become a precise 400. Not thread-safe; one per request.
 */
public final class JsonInput {
    private final ObjectNode node;
    private final String path;

    private JsonInput(ObjectNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** Parses a request body that must be one JSON object. */
    public static JsonInput parse(ObjectMapper mapper, String body) {
        if (body == null || body.isBlank()) throw empty();
        try {
            return parsed(mapper.readTree(body));
        } catch (JsonProcessingException e) {
            throw malformed(e);
        }
    }

    /**
     * As {@link #parse(ObjectMapper, String)}, from the raw UTF-8 bytes: Jackson's byte parser
     * skips decoding the body to a String first (the hot path of every call report).
     */
    public static JsonInput parse(ObjectMapper mapper, byte[] body) {
        if (body == null || isBlank(body)) throw empty();
        try {
            return parsed(mapper.readTree(body));
        } catch (java.io.IOException e) {
            throw malformed(e);
        }
    }

    static boolean isBlank(byte[] b) {
        for (byte x : b) {
            if (x != ' ' && x != '\t' && x != '\n' && x != '\r') return false;
        }
        return true;
    }

    static ApiException empty() {
        return new ApiException(400, "malformed_json", "the request body is empty; expected a JSON object", null);
    }

    private static JsonInput parsed(JsonNode n) {
        return of(n, "");
    }

    static ApiException malformed(java.io.IOException io) {
        String where = "";
        if (io instanceof JsonProcessingException e && e.getLocation() != null) {
            where = " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        }
        return new ApiException(400, "malformed_json", "the request body is not valid JSON" + where, null);
    }

    public static JsonInput of(JsonNode n, String path) {
        if (n == null || !n.isObject()) {
            throw ApiException.invalid(path.isEmpty() ? null : path, (path.isEmpty() ? "the body" : path) + " must be a JSON object");
        }
        return new JsonInput((ObjectNode) n, path);
    }

    public ObjectNode node() {
        return node;
    }

    public String name(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    public boolean has(String field) {
        return node.has(field);
    }

    public boolean present(String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    /** Rejects keys not in {@code allowed}: in a flow body they are typos, not extensions. */
    public void allowOnly(Set<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw unknown(name(k));
            }
        }
    }

    public String string(String field, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) throw ApiException.missing(name(field));
            return null;
        }
        if (!v.isTextual()) throw notA(name(field), "a string");
        if (required && v.asText().isBlank()) throw ApiException.invalid(name(field), name(field) + " must not be empty");
        return v.asText();
    }

    public String requiredString(String field) {
        return string(field, true);
    }

    public String optionalString(String field) {
        return string(field, false);
    }

    public Boolean optionalBoolean(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isBoolean()) throw notA(name(field), "true or false");
        return v.asBoolean();
    }

    public Long optionalLong(String field, long min, long max) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isIntegralNumber() || !v.canConvertToLong()) throw notA(name(field), "a whole number");
        return within(name(field), v.asLong(), min, max);
    }

    /** {@code <field> must be <what>}: a value of the wrong type. */
    static ApiException notA(String field, String what) {
        return ApiException.invalid(field, field + " must be " + what);
    }

    static long within(String field, long n, long min, long max) {
        if (n < min || n > max) throw ApiException.invalid(field, field + " must be from " + min + " to " + max);
        return n;
    }

    static ApiException unknown(String field) {
        return new ApiException(400, "unknown_field", "unknown field " + field, field);
    }

    public JsonInput optionalObject(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return null;
        return of(v, name(field));
    }

    /** An array of objects, each wrapped with its index in the path ({@code steps[1]}). */
    public List<JsonInput> optionalObjectArray(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isArray()) throw ApiException.invalid(name(field), name(field) + " must be an array");
        List<JsonInput> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            out.add(of(v.get(i), name(field) + "[" + i + "]"));
        }
        return out;
    }

    public List<String> optionalStringArray(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isArray()) throw ApiException.invalid(name(field), name(field) + " must be an array of strings");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) throw ApiException.invalid(name(field) + "[" + i + "]", name(field) + "[" + i + "] must be a string");
            out.add(v.get(i).asText());
        }
        return out;
    }
}
