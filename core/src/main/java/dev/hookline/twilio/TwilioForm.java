package dev.hookline.twilio;

import dev.hookline.http.ApiException;
import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The POST parameters of a Twilio request, read from the form-encoded body only (query parameters
 * belong to the signed URL, not to this list), sorted by name as the signature needs them. A
 * body that is not form-encoded is a 415, one that does not decode a 400. Immutable.
 */
record TwilioForm(SortedMap<String, List<String>> params) {
    /** A CallSid is also the call's id in the API, so it must be one ({@code CA} and 32 hex characters at Twilio). */
    private static final Pattern CALL_SID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final int MAX_VALUE = 2048;

    TwilioForm {
        TreeMap<String, List<String>> copy = new TreeMap<>();
        params.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        params = Collections.unmodifiableSortedMap(copy);
    }

    static TwilioForm read(Context ctx) {
        String type = ctx.contentType();
        String base = type == null ? "" : type.toLowerCase(Locale.ROOT).split(";", 2)[0].trim();
        if (!base.equals("application/x-www-form-urlencoded")) {
            throw new ApiException(415, "unsupported_media_type", "Content-Type must be application/x-www-form-urlencoded, as Twilio sends it (got "
                    + (type == null ? "none" : type) + ")", null);
        }
        return parse(new String(ctx.bodyAsBytes(), StandardCharsets.UTF_8));
    }

    static TwilioForm parse(String body) {
        TreeMap<String, List<String>> params = new TreeMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return new TwilioForm(params);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "bad_request", "the form body does not decode: " + e.getMessage(), null);
        }
    }

    /** The parameter's (first) value, or null. */
    String optional(String name) {
        List<String> v = params.get(name);
        if (v == null || v.get(0).isEmpty()) return null;
        if (v.get(0).length() > MAX_VALUE) throw ApiException.invalid(name, name + " must be at most " + MAX_VALUE + " characters");
        return v.get(0);
    }

    String required(String name) {
        if (!params.containsKey(name)) throw ApiException.missing(name);
        String v = optional(name);
        if (v == null || v.isBlank()) throw ApiException.invalid(name, name + " must not be empty");
        return v;
    }

    /** A phone number or SIP address such as {@code From} and {@code To}: present, at most 128 characters. */
    String number(String name) {
        String v = required(name);
        if (v.length() > 128) throw ApiException.invalid(name, name + " must be at most 128 characters");
        return v;
    }

    String callSid() {
        String v = required("CallSid");
        if (!CALL_SID.matcher(v).matches()) throw ApiException.invalid("CallSid", "CallSid must be 1-128 characters of letters, digits and . _ : -");
        return v;
    }

    /** A whole number of seconds or null; anything else is a 400 naming the parameter. */
    Long seconds(String name) {
        String v = optional(name);
        if (v == null) return null;
        try {
            long n = Long.parseLong(v.trim());
            if (n >= 0 && n <= Integer.MAX_VALUE) return n;
        } catch (NumberFormatException e) {
            // falls through to the 400
        }
        throw ApiException.invalid(name, name + " must be a whole number of seconds");
    }
}
