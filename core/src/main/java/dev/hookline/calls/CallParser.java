package dev.hookline.calls;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookline.http.ApiException;
import dev.hookline.http.JsonInput;
import dev.hookline.model.CallFields;
import dev.hookline.plugins.CallEvent;
import dev.hookline.time.Times;
import java.net.URI;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads call reports and analysis results, refusing wrong types, bad values and unknown keys by name. */
public final class CallParser {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final int MAX_TEXT = 100_000;
    private static final Set<String> REPORT_KEYS;

    static {
        Set<String> k = new HashSet<>(CallFields.DETAILS.keySet());
        k.addAll(Set.of("call_id", "call_flow_id", "tracking_number", "caller_number", "status", "created_at", "ai_processed"));
        REPORT_KEYS = Set.copyOf(k);
    }

    private CallParser() {}

    public static CallReport report(JsonInput in) {
        for (Iterator<String> it = in.node().fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (CallFields.COMPUTED.contains(key)) {
                throw new ApiException(400, "unknown_field", key + " is set by Hookline, not by the call report", key);
            }
        }
        in.allowOnly(REPORT_KEYS);
        String callId = in.optionalString("call_id");
        if (callId != null && !ID.matcher(callId).matches()) {
            throw ApiException.invalid("call_id", "call_id must be 1-128 characters of letters, digits and . _ : -");
        }
        String flowId = in.optionalString("call_flow_id");
        String tracking = in.requiredString("tracking_number");
        String caller = in.requiredString("caller_number");
        String status = in.requiredString("status");
        if (!CallFields.STATUSES.contains(status)) {
            throw ApiException.invalid("status", "status must be one of completed, no-answer, voicemail, busy, failed");
        }
        Long createdAt = null;
        String created = in.optionalString("created_at");
        if (created != null) {
            try {
                createdAt = Times.parse(created);
            } catch (RuntimeException e) {
                throw ApiException.invalid("created_at", "created_at must be an ISO-8601 time such as 2026-03-30T14:30:00Z");
            }
        }
        Boolean ai = in.optionalBoolean("ai_processed");
        Map<String, Object> details = details(in, CallFields.DETAILS.keySet());
        details.putIfAbsent("direction", "inbound");
        return new CallReport(callId, flowId, tracking, caller, status, details, ai != null && ai, createdAt);
    }

    /** The analysis body: any of the AI fields, at least one. */
    public static Map<String, Object> analysis(JsonInput in) {
        in.allowOnly(CallFields.ANALYSIS);
        Map<String, Object> out = details(in, CallFields.ANALYSIS);
        if (!in.node().fieldNames().hasNext()) {
            throw ApiException.invalid(null, "the analysis is empty: send at least one of " + String.join(", ", CallFields.ANALYSIS));
        }
        return out;
    }

    /** Type-checks the detail fields present in {@code in}; explicit nulls are kept as "unknown". */
    private static Map<String, Object> details(JsonInput in, Set<String> allowed) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : CallEvent.FIELDS) {
            if (!allowed.contains(key) || !in.has(key)) continue;
            JsonNode v = in.node().get(key);
            if (v.isNull()) continue;
            out.put(key, value(in, key, CallFields.DETAILS.get(key)));
        }
        return out;
    }

    private static Object value(JsonInput in, String key, CallFields.Kind kind) {
        return switch (kind) {
            case TEXT -> limited(key, in.optionalString(key));
            case URL -> {
                String u = limited(key, in.optionalString(key));
                try {
                    URI uri = new URI(u);
                    if (!uri.isAbsolute()) throw new IllegalArgumentException();
                } catch (Exception e) {
                    throw ApiException.invalid(key, key + " must be an absolute URL");
                }
                yield u;
            }
            case COUNT -> in.optionalLong(key, 0, Integer.MAX_VALUE);
            case SCORE -> in.optionalLong(key, 0, 100);
            case BOOLEAN -> in.optionalBoolean(key);
            case DIRECTION -> {
                String d = in.optionalString(key);
                if (!d.equals("inbound") && !d.equals("outbound")) throw ApiException.invalid(key, key + " must be inbound or outbound");
                yield d;
            }
            case CATEGORY -> {
                String c = in.optionalString(key);
                if (!CallFields.CATEGORIES.contains(c)) {
                    throw ApiException.invalid(key, key + " must be one of lead, existing_customer, spam, wrong_number, voicemail");
                }
                yield c;
            }
        };
    }

    private static String limited(String key, String v) {
        if (v != null && v.length() > MAX_TEXT) throw ApiException.invalid(key, key + " must be at most " + MAX_TEXT + " characters");
        return v;
    }
}
