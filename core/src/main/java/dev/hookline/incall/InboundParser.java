package dev.hookline.incall;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.http.ApiException;
import dev.hookline.http.Bodies;
import dev.hookline.http.JsonInput;
import io.javalin.http.Context;
import java.util.Locale;

/**
 * Reads a {@code voice/inbound} request: {@code From}, {@code To} and {@code CallSid}, form-encoded
 * (as telephony providers send them, other fields ignored) or as a JSON object. A missing field is
 * a 400 naming it; any other content type is a 415. Stateless.
 */
final class InboundParser {
    static final int MAX_LENGTH = 128;

    private InboundParser() {}

    static LiveCall parse(Context ctx, String businessId, ObjectMapper mapper) {
        String type = ctx.contentType();
        if (isForm(type)) {
            return of(businessId, ctx.formParam("From"), ctx.formParam("To"), ctx.formParam("CallSid"));
        }
        if (Bodies.isJson(type)) {
            JsonInput in = JsonInput.parse(mapper, ctx.body());
            return of(businessId, in.optionalString("From"), in.optionalString("To"), in.optionalString("CallSid"));
        }
        throw new ApiException(415, "unsupported_media_type", "Content-Type must be application/x-www-form-urlencoded or application/json (got "
                + (type == null ? "none" : type) + ")", null);
    }

    private static LiveCall of(String businessId, String from, String to, String callSid) {
        String f = checked("From", from);
        String t = checked("To", to);
        String sid = checked("CallSid", callSid);
        return new LiveCall(businessId, sid, f, t);
    }

    static boolean isForm(String contentType) {
        if (contentType == null) return false;
        String ct = contentType.toLowerCase(Locale.ROOT);
        int semi = ct.indexOf(';');
        return (semi < 0 ? ct : ct.substring(0, semi)).trim().equals("application/x-www-form-urlencoded");
    }

    private static String checked(String field, String value) {
        if (value == null) throw ApiException.missing(field);
        if (value.isBlank()) throw ApiException.invalid(field, field + " must not be empty");
        if (value.length() > MAX_LENGTH) throw ApiException.invalid(field, field + " must be at most " + MAX_LENGTH + " characters");
        return value;
    }
}
