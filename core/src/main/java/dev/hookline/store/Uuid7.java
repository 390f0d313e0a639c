package dev.hookline.store;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Time-ordered ids: UUID version 7 (RFC 9562), a millisecond timestamp followed by random bits.
 * Ids made one after another sort together, so the primary-key index grows at its end instead of
 * touching a random page per insert, which keeps the write-ahead log small. Thread-safe.
 */
public final class Uuid7 {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Uuid7() {}

    public static String next(long epochMillis) {
        long rand = RANDOM.nextLong();
        long msb = (epochMillis << 16) | 0x7000L | ((rand >>> 52) & 0x0FFFL);
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
