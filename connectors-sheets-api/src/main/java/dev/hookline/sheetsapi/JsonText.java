package dev.hookline.sheetsapi;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;

/** Strict JSON reading (RFC 8259, one value, nothing after it) with Gson's tree model. Thread-safe. */
final class JsonText {
    private JsonText() {}

    /** The text as a JSON object; null when it is not valid JSON or not an object. */
    static JsonObject object(String text) {
        if (text == null) return null;
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            reader.setStrictness(Strictness.STRICT);
            JsonElement e = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) return null;
            return e.isJsonObject() ? e.getAsJsonObject() : null;
        } catch (JsonParseException | IOException | IllegalStateException e) {
            return null;
        }
    }

    /** A member that is a JSON string, or null. */
    static String string(JsonObject o, String name) {
        JsonElement e = o == null ? null : o.get(name);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? e.getAsString() : null;
    }

    /** A member that is a JSON number, as a whole number, or null. */
    static Long number(JsonObject o, String name) {
        JsonElement e = o == null ? null : o.get(name);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) return null;
        try {
            return e.getAsJsonPrimitive().getAsBigDecimal().longValue();
        } catch (NumberFormatException notNumber) {
            return null;
        }
    }

    /** A member that is an object, or null. */
    static JsonObject child(JsonObject o, String name) {
        JsonElement e = o == null ? null : o.get(name);
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
    }
}
