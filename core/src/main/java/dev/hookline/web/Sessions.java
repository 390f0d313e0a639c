package dev.hookline.web;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's sessions, in memory: a restart signs everyone out. Ids and CSRF tokens are 256
 * random bits. A session ends after {@link #IDLE} without a request, after {@link #MAX_AGE} in all,
 * or at sign-out. Thread-safe.
 */
public final class Sessions {
    public static final String COOKIE = "hookline_session";
    static final Duration IDLE = Duration.ofHours(12);
    static final Duration MAX_AGE = Duration.ofDays(7);
    /** More live sessions than this and the least recently used go first. */
    static final int MAX_SESSIONS = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConcurrentHashMap<String, Session> byId = new ConcurrentHashMap<>();
    private final Clock clock;

    public Sessions(Clock clock) {
        this.clock = clock;
    }

    /** A new session for a key that was just checked; never reuses an id the browser brought. */
    public Session create(String businessId, String keyHash) {
        long now = clock.millis();
        sweep(now);
        Session s = new Session(token(), businessId, keyHash, token(), now);
        byId.put(s.id(), s);
        return s;
    }

    /** The live session with this id, marked as used now; empty when unknown or expired. */
    public Optional<Session> find(String id) {
        if (id == null || id.isEmpty()) return Optional.empty();
        Session s = byId.get(id);
        if (s == null) return Optional.empty();
        long now = clock.millis();
        if (expired(s, now)) {
            byId.remove(id, s);
            return Optional.empty();
        }
        s.touch(now);
        return Optional.of(s);
    }

    public void end(String id) {
        if (id != null) byId.remove(id);
    }

    int size() {
        return byId.size();
    }

    private boolean expired(Session s, long now) {
        return now - s.lastSeen() > IDLE.toMillis() || now - s.createdAt() > MAX_AGE.toMillis();
    }

    private void sweep(long now) {
        byId.values().removeIf(s -> expired(s, now));
        while (byId.size() >= MAX_SESSIONS) {
            byId.values().stream().min(Comparator.comparingLong(Session::lastSeen)).ifPresent(s -> byId.remove(s.id(), s));
        }
    }

    /** 32 random bytes, URL-safe base64. */
    static String token() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
