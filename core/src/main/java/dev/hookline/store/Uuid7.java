package dev.hookline.store;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Time-ordered ids: UUID version 7 (RFC 9562), a millisecond timestamp then random bits, so
 * indexes grow at their end. Each thread draws from a generator of its own (the shared one is a
 * point of contention under load). Thread-safe.
 */
public final class Uuid7 {
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(Uuid7::newRandom);
    private static final ThreadLocal<byte[]> BITS = ThreadLocal.withInitial(() -> new byte[16]);

    private Uuid7() {}

    public static String next(long epochMillis) {
        // one 16-byte draw per id (nextLong is two draws, each with its own arrays)
        byte[] bits = BITS.get();
        RANDOM.get().nextBytes(bits);
        long rand = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            rand = (rand << 8) | (bits[i] & 0xFF);
            low = (low << 8) | (bits[8 + i] & 0xFF);
        }
        long msb = (epochMillis << 16) | 0x7000L | ((rand >>> 52) & 0x0FFFL);
        long lsb = (low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    private static SecureRandom newRandom() {
        try {
            return SecureRandom.getInstance("DRBG"); // seeded on its own from the system's entropy
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }
}
