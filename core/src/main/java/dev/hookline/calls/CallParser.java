package dev.hookline.calls;

import dev.hookline.http.ApiException;
import dev.hookline.http.FlatInput;
import dev.hookline.model.CallFields;
import dev.hookline.plugins.CallEvent;
import dev.hookline.time.Times;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Reads call reports and analysis results, refusing wrong types, bad values and unknown keys by name. */
public final class CallParser {
    private static final int MAX_TEXT = 100_000;
    private static final String PLAIN_MARKS = "-._~/:@!$&'()*+,;=?";
    private static final Set<String> REPORT_KEYS;

    static {
        Set<String> k = new HashSet<>(CallFields.DETAILS.keySet());
        k.addAll(Set.of("call_id", "call_flow_id", "tracking_number", "caller_number", "status", "created_at", "ai_processed"));
        REPORT_KEYS = Set.copyOf(k);
    }

    private CallParser() {}

    public static CallReport report(FlatInput in) {
        for (String key : in.keys()) {
            if (CallFields.COMPUTED.contains(key)) {
                throw new ApiException(400, "unknown_field", key + " is set by Hookline, not by the call report", key);
            }
        }
        in.allowOnly(REPORT_KEYS);
        String callId = in.optionalString("call_id");
        if (callId != null && !isId(callId)) {
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
    public static Map<String, Object> analysis(FlatInput in) {
        in.allowOnly(CallFields.ANALYSIS);
        if (in.keys().isEmpty()) {
            throw ApiException.invalid(null, "the analysis is empty: send at least one of " + String.join(", ", CallFields.ANALYSIS));
        }
        return details(in, CallFields.ANALYSIS);
    }

    /**
     * Type-checks the detail fields present in {@code in}, in the payload's order; explicit nulls
     * are left out ("unknown"). The body's own map becomes the details: no second map per call.
     */
    private static Map<String, Object> details(FlatInput in, Set<String> allowed) {
        return in.keepOnly(CallEvent.FIELDS, allowed, key -> value(in, key, CallFields.DETAILS.get(key)));
    }

    private static Object value(FlatInput in, String key, CallFields.Kind kind) {
        return switch (kind) {
            case TEXT -> limited(key, in.optionalString(key));
            case URL -> {
                String u = limited(key, in.optionalString(key));
                if (!isAbsoluteUrl(u)) throw ApiException.invalid(key, key + " must be an absolute URL");
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

    /** 1-128 of letters, digits and {@code . _ : -} (checked per call: a regex match made three objects each time). */
    static boolean isId(String s) {
        int n = s.length();
        if (n < 1 || n > 128) return false;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == ':' || c == '-';
            if (!ok) return false;
        }
        return true;
    }

    /** Whether {@link URI} takes {@code u} as absolute; a plain http(s) URL is seen to be one without parsing it. */
    static boolean isAbsoluteUrl(String u) {
        if (isPlainWebUrl(u)) return true;
        try {
            return new URI(u).isAbsolute();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * {@code http://} or {@code https://}, a letter or digit, then only unreserved characters and
     * {@code / : @ ! $ & ' ( ) * + , ; = ?}: the recording and transcript links a call carries. No
     * escapes, fragments or brackets, so any such text is an absolute URI (CallUrlTest checks it).
     */
    static boolean isPlainWebUrl(String u) {
        int from = u.startsWith("https://") ? 8 : u.startsWith("http://") ? 7 : -1;
        if (from < 0 || from >= u.length() || !Character.isLetterOrDigit(u.charAt(from)) || u.charAt(from) > 'z') return false;
        for (int i = from + 1; i < u.length(); i++) {
            char c = u.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || PLAIN_MARKS.indexOf(c) >= 0;
            if (!ok) return false;
        }
        return true;
    }

    private static String limited(String key, String v) {
        if (v != null && v.length() > MAX_TEXT) throw ApiException.invalid(key, key + " must be at most " + MAX_TEXT + " characters");
        return v;
    }
}
