package dev.hookline.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.hookline.model.Step;
import dev.hookline.plugins.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stored text of the JSON columns every store shares: a call's fields, a flow's steps, a
 * connector's settings and a webhook's headers (string maps like settings). Settings are read per
 * attempt and few distinct, so they are parsed once each. Thread-safe.
 */
public final class Codec {
    private static final int SETTINGS_KEPT = 1024;

    private final ObjectMapper mapper;
    private final ObjectReader fieldsReader;
    private final ConcurrentHashMap<String, Map<String, String>> settings = new ConcurrentHashMap<>();

    public Codec(ObjectMapper mapper) {
        this.mapper = mapper;
        this.fieldsReader = mapper.readerFor(new TypeReference<LinkedHashMap<String, Object>>() {});
    }

    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A call's fields as stored, JSON text in UTF-8: strings, numbers and booleans, written by the
     * payload's own writer. Bytes, not a string: the driver would copy a string into bytes again.
     */
    public byte[] fieldsUtf8(Map<String, Object> fields) {
        return Json.writeUtf8(fields);
    }

    public Map<String, Object> fields(String text) {
        try {
            return fieldsReader.readValue(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored call fields are not JSON", e);
        }
    }

    public String settingsText(Map<String, String> values) {
        return values.isEmpty() ? "{}" : write(values);
    }

    /** Settings as stored, read-only, in their order; none is {@link Map#of()}, which a plugin's copy keeps as it is. */
    public Map<String, String> settings(String text) {
        if ("{}".equals(text)) return Map.of();
        Map<String, String> known = settings.get(text);
        if (known != null) return known;
        Map<String, String> parsed;
        try {
            parsed = Collections.unmodifiableMap(mapper.readValue(text, new TypeReference<LinkedHashMap<String, String>>() {}));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored connector settings are not JSON", e);
        }
        if (settings.size() >= SETTINGS_KEPT) settings.clear();
        settings.put(text, parsed);
        return parsed;
    }

    /** A JSON array of strings as stored. */
    public List<String> strings(String text) {
        try {
            return mapper.readValue(text, new TypeReference<List<String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored list is not JSON", e);
        }
    }

    public String stepsText(List<Step> steps) {
        return write(Step.views(steps));
    }

    public List<Step> steps(String text) {
        List<Map<String, Object>> raw;
        try {
            raw = mapper.readValue(text, new TypeReference<List<Map<String, Object>>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored steps are not JSON", e);
        }
        List<Step> out = new ArrayList<>();
        for (Map<String, Object> m : raw) out.add(Step.fromView(m));
        return out;
    }
}
