package dev.hookline.sheetsapi;

import dev.hookline.plugins.Json;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Service accounts made for tests: a fresh RSA key pair and the key file Google would hand out. */
final class TestAccounts {
    static final String EMAIL = "hookline-writer@hookline-test.iam.gserviceaccount.com";
    static final KeyPair KEYS = generate();

    private TestAccounts() {}

    static KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JSON key file of a service account with this key pair. */
    static String keyFile(String email, KeyPair keys) {
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "service_account");
        m.put("project_id", "hookline-test");
        m.put("private_key_id", "0123456789abcdef0123456789abcdef01234567");
        m.put("private_key", pem);
        m.put("client_email", email);
        m.put("client_id", "100000000000000000001");
        m.put("token_uri", "https://oauth2.googleapis.com/token");
        return Json.write(m);
    }

    static String keyFile() {
        return keyFile(EMAIL, KEYS);
    }
}
