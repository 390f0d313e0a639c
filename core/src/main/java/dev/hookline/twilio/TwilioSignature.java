package dev.hookline.twilio;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's request signature: {@code X-Twilio-Signature} is the base64 HMAC-SHA1, keyed with the
 * account's auth token, of the full URL Twilio called followed by each POST parameter, sorted by
 * name, as name then value. Twilio is known to sign a URL with or without its port (":443" on an
 * https URL), so both forms are accepted, as Twilio's own helper libraries do. Stateless.
 */
final class TwilioSignature {
    private static final String HMAC = "HmacSHA1";
    /** Looking the algorithm up costs more than the HMAC of a request: once per thread. */
    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance(HMAC);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA1 is not available", e);
        }
    });

    private TwilioSignature() {}

    /** The signature of a request to {@code url} with {@code params} (sorted by name; several values of a name in order). */
    static String of(String authToken, String url, SortedMap<String, List<String>> params) {
        StringBuilder data = new StringBuilder(url);
        for (Map.Entry<String, List<String>> p : params.entrySet()) {
            for (String value : p.getValue().stream().sorted().toList()) data.append(p.getKey()).append(value);
        }
        try {
            Mac mac = MACS.get();
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), HMAC));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the auth token is not a usable HMAC key", e);
        }
    }

    /** True when {@code header} is the signature of the request over {@code url} with or without its port. */
    static boolean matches(String authToken, String url, SortedMap<String, List<String>> params, String header) {
        if (header == null || authToken == null) return false;
        byte[] given = header.trim().getBytes(StandardCharsets.UTF_8);
        boolean ok = false;
        for (String u : withAndWithoutPort(url)) {
            // no early exit: the time taken does not tell which form matched
            ok |= MessageDigest.isEqual(given, of(authToken, u, params).getBytes(StandardCharsets.UTF_8));
        }
        return ok;
    }

    /** {@code url} with its port (the scheme's default when it has none) and without any port. */
    static List<String> withAndWithoutPort(String url) {
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException e) {
            return List.of(url);
        }
        if (u.getRawAuthority() == null || u.getHost() == null) return List.of(url);
        int port = u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
        String userInfo = u.getRawUserInfo() == null ? "" : u.getRawUserInfo() + "@";
        String host = u.getHost();
        String rest = (u.getRawPath() == null ? "" : u.getRawPath()) + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
        String prefix = u.getScheme() + "://" + userInfo + host;
        List<String> out = new ArrayList<>(2);
        out.add(prefix + ":" + port + rest);
        out.add(prefix + rest);
        return out;
    }
}
