package dev.hookline.delivery;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures: {@code v1,<base64 HMAC-SHA256(key, id.timestamp.body)>} where the
 * key is the base64 part of the flow's {@code whsec_} secret. Thread-safe.
 */
public final class Signer {
    /**
     * One Mac per thread ({@code Mac.getInstance} walks the security providers), kept keyed with the
     * last secret it signed with: a Mac resets to its key after each signature, so a run of
     * deliveries of one flow skips the key's decoding and set-up.
     */
    private static final ThreadLocal<Keyed> MAC = ThreadLocal.withInitial(() -> {
        try {
            return new Keyed(Mac.getInstance("HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    });

    private static final class Keyed {
        final Mac mac;
        String secret;
        private final byte[] prefix = new byte[128];
        // the digest, its base64 and "v1,<base64>": the header's string is the only object a signature makes
        private final byte[] digest = new byte[32];
        private final byte[] base64 = new byte[44];
        private final byte[] signature = Arrays.copyOf("v1,".getBytes(StandardCharsets.US_ASCII), 3 + 44);

        Keyed(Mac mac) {
            this.mac = mac;
        }

        Mac with(String secret) throws GeneralSecurityException {
            if (!secret.equals(this.secret)) {
                this.secret = null; // a key refused below leaves the Mac unkeyed
                String b64 = secret.startsWith("whsec_") ? secret.substring(6) : secret;
                mac.init(new SecretKeySpec(Base64.getDecoder().decode(b64), "HmacSHA256"));
                this.secret = secret;
            }
            return mac;
        }

        /** Feeds {@code "<id>.<timestamp>."} to the MAC, as bytes written here when the id is ASCII (it is: ours or a UUID). */
        void signedPrefix(String id, long timestampSeconds) {
            int n = id.length();
            boolean ascii = timestampSeconds >= 0 && n + 22 <= prefix.length;
            for (int i = 0; ascii && i < n; i++) {
                char c = id.charAt(i);
                ascii = c < 0x80;
                prefix[i] = (byte) c;
            }
            if (!ascii) {
                mac.update((id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
                return;
            }
            prefix[n++] = '.';
            int digits = 1;
            for (long t = timestampSeconds; t >= 10; t /= 10) digits++;
            long t = timestampSeconds;
            for (int i = n + digits - 1; i >= n; i--, t /= 10) prefix[i] = (byte) ('0' + t % 10);
            n += digits;
            prefix[n++] = '.';
            mac.update(prefix, 0, n);
        }
    }

    private Signer() {}

    /**
     * The {@code webhook-signature} header: one {@code v1,} signature per secret, space-separated, in
     * the order given (the current secret first, then one still valid after a rotation).
     */
    public static String header(java.util.List<String> secrets, String id, long timestampSeconds, byte[] body) {
        return header(secrets, id, timestampSeconds, ByteBuffer.wrap(body));
    }

    /** As above, over the remaining bytes of {@code body} (left as it was). */
    static String header(java.util.List<String> secrets, String id, long timestampSeconds, ByteBuffer body) {
        if (secrets.size() == 1) return sign(secrets.get(0), id, timestampSeconds, body);
        StringBuilder sb = new StringBuilder();
        for (String s : secrets) {
            if (sb.length() > 0) sb.append(' ');
            sb.append(sign(s, id, timestampSeconds, body));
        }
        return sb.toString();
    }

    public static String sign(String secret, String id, long timestampSeconds, byte[] body) {
        return sign(secret, id, timestampSeconds, ByteBuffer.wrap(body));
    }

    /** As above, over the remaining bytes of {@code body} (its position put back after). */
    static String sign(String secret, String id, long timestampSeconds, ByteBuffer body) {
        try {
            Keyed keyed = MAC.get();
            Mac mac = keyed.with(secret);
            keyed.signedPrefix(id, timestampSeconds);
            int at = body.position();
            try {
                mac.update(body);
            } finally {
                body.position(at);
            }
            mac.doFinal(keyed.digest, 0);
            int n = Base64.getEncoder().encode(keyed.digest, keyed.base64);
            System.arraycopy(keyed.base64, 0, keyed.signature, 3, n);
            return new String(keyed.signature, 0, 3 + n, StandardCharsets.ISO_8859_1);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
