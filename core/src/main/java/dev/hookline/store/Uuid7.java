package dev.hookline.store;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Time-ordered ids: UUID version 7 (RFC 9562), a millisecond timestamp then random bits, so
 * indexes grow at their end. Each thread draws from a generator of its own (the shared one is a
 * point of contention under load), sixteen ids' worth of bits at a time: the generator's cost is
 * mostly per draw, not per byte. Thread-safe.
 */
public final class Uuid7 {
    private static final int IDS_PER_DRAW = 16;
    private static final ThreadLocal<Bits> BITS = ThreadLocal.withInitial(Bits::new);

    /** A thread's generator and its unread bits. */
    private static final class Bits {
        final SecureRandom random = newRandom();
        final byte[] bytes = new byte[16 * IDS_PER_DRAW];
        int next = bytes.length;

        /** The offset of 16 fresh bytes. */
        int take() {
            if (next == bytes.length) {
                random.nextBytes(bytes);
                next = 0;
            }
            int at = next;
            next += 16;
            return at;
        }
    }

    private Uuid7() {}

    public static String next(long epochMillis) {
        Bits b = BITS.get();
        int at = b.take();
        long rand = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            rand = (rand << 8) | (b.bytes[at + i] & 0xFF);
            low = (low << 8) | (b.bytes[at + 8 + i] & 0xFF);
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
