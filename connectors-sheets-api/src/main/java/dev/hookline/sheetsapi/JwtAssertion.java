package dev.hookline.sheetsapi;

import dev.hookline.plugins.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The signed JWT a service account exchanges for an access token (RFC 7523): header
 * {@code {"alg":"RS256","typ":"JWT","kid":…}}, claims {@code iss} (the account's e-mail),
 * {@code scope}, {@code aud} (the token URL), {@code iat} and {@code exp} (one hour later), signed
 * with SHA256withRSA; each part base64url without padding. Thread-safe.
 */
final class JwtAssertion {
    static final String SCOPE = "https://www.googleapis.com/auth/spreadsheets";
    /** The longest lifetime Google accepts. */
    static final long LIFETIME_SECONDS = 3600;
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private JwtAssertion() {}

    static String sign(ServiceAccount account, String tokenUrl, Instant now) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "RS256");
        header.put("typ", "JWT");
        if (account.privateKeyId() != null) header.put("kid", account.privateKeyId());
        long iat = now.getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", account.clientEmail());
        claims.put("scope", SCOPE);
        claims.put("aud", tokenUrl);
        claims.put("iat", iat);
        claims.put("exp", iat + LIFETIME_SECONDS);
        String signingInput = part(Json.write(header)) + "." + part(Json.write(claims));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(account.privateKey());
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64URL.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the service account's key: " + e.getClass().getSimpleName(), e);
        }
    }

    private static String part(String json) {
        return B64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
