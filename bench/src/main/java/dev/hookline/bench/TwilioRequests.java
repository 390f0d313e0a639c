package dev.hookline.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Voice requests as Twilio sends them to {@code /twilio/voice}: its usual form parameters and an
 * {@code X-Twilio-Signature} (base64 HMAC-SHA1 with the auth token over the URL and the parameters
 * sorted by name, name then value), computed here before the request is timed.
 */
final class TwilioRequests {
    static final String AUTH_TOKEN = "0123456789abcdef0123456789abcdef";

    /** A form body and the signature that goes with it. */
    record Signed(String body, String signature) {}

    private final String url;
    private final String from;
    private final String to;

    TwilioRequests(String url, String from, String to) {
        this.url = url;
        this.from = from;
        this.to = to;
    }

    Signed incoming(String callSid) {
        Map<String, String> p = new TreeMap<>();
        p.put("AccountSid", "AC0123456789abcdef0123456789abcdef");
        p.put("ApiVersion", "2010-04-01");
        p.put("CallSid", callSid);
        p.put("CallStatus", "ringing");
        p.put("Called", to);
        p.put("CalledCountry", "US");
        p.put("Caller", from);
        p.put("CallerCountry", "US");
        p.put("Direction", "inbound");
        p.put("From", from);
        p.put("FromCountry", "US");
        p.put("To", to);
        p.put("ToCountry", "US");
        StringBuilder body = new StringBuilder();
        StringBuilder signed = new StringBuilder(url);
        p.forEach((k, v) -> {
            body.append(body.length() == 0 ? "" : "&").append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
            signed.append(k).append(v);
        });
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(AUTH_TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return new Signed(body.toString(), Base64.getEncoder().encodeToString(mac.doFinal(signed.toString().getBytes(StandardCharsets.UTF_8))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
