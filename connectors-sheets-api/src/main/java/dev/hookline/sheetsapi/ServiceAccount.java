package dev.hookline.sheetsapi;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Google service account from its JSON key file: {@code client_email}, the RSA {@code private_key}
 * (PKCS#8 PEM) and {@code private_key_id}. {@code id} tells keys apart without showing them (a hash
 * of the e-mail and key). Immutable.
 */
record ServiceAccount(String clientEmail, String privateKeyId, PrivateKey privateKey, String id) {
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s\\\\n]+)-----END PRIVATE KEY-----");
    private static final int PARSED_KEPT = 256;
    /** Parsing the PEM key costs more than an attempt's other work: each key file once. */
    private static final ConcurrentHashMap<String, ServiceAccount> PARSED = new ConcurrentHashMap<>();

    @Override
    public String toString() {
        return "ServiceAccount[" + clientEmail + "]"; // never the key
    }

    /** The account of a key file, parsed once; throws {@link SettingException} on {@code service_account_json}. */
    static ServiceAccount of(String json) {
        ServiceAccount known = PARSED.get(json);
        if (known != null) return known;
        ServiceAccount parsed = parse(json);
        if (PARSED.size() >= PARSED_KEPT) PARSED.clear();
        PARSED.put(json, parsed);
        return parsed;
    }

    static ServiceAccount parse(String json) {
        String setting = SheetSettings.SERVICE_ACCOUNT_JSON;
        JsonObject o = JsonText.object(json);
        if (o == null) {
            throw new SettingException(setting, "is not a JSON object: paste the whole key file of the service account "
                    + "(IAM & Admin → Service accounts → Keys → Add key → JSON)");
        }
        String type = JsonText.string(o, "type");
        if (type != null && !type.equals("service_account")) {
            throw new SettingException(setting, "is a key file of type '" + type + "'; a service account's (type service_account) is needed");
        }
        String email = JsonText.string(o, "client_email");
        if (email == null || !email.contains("@")) throw new SettingException(setting, "has no client_email (the service account's e-mail address)");
        String pem = JsonText.string(o, "private_key");
        if (pem == null || pem.isBlank()) throw new SettingException(setting, "has no private_key");
        PrivateKey key = rsaKey(pem);
        if (key == null) throw new SettingException(setting, "has a private_key that is not an RSA key in PKCS#8 PEM form (-----BEGIN PRIVATE KEY-----)");
        return new ServiceAccount(email, JsonText.string(o, "private_key_id"), key, fingerprint(email, pem));
    }

    private static PrivateKey rsaKey(String pem) {
        Matcher m = PEM.matcher(pem);
        if (!m.find()) return null;
        // a key pasted with its JSON escapes still in it (\n as two characters) reads the same
        String base64 = m.group(1).replace("\\n", "").replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return null;
        }
    }

    private static String fingerprint(String email, String pem) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(email.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return HexFormat.of().formatHex(sha.digest(pem.getBytes(StandardCharsets.UTF_8)), 0, 12);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
