package dev.hookline.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One signed-in browser: the business it sees, the SHA-256 of the API key it signed in with (never
 * the key), its CSRF token, and messages waiting for the next page. Thread-safe.
 */
public final class Session {
    private final String id;
    private final String businessId;
    private final String keyHash;
    private final String csrfToken;
    private final long createdAt;
    private volatile long lastSeen;
    private final List<Flash> flashes = new ArrayList<>();
    /** What one page hands the next after a redirect (a new flow's secret, a Test result), taken once. */
    private final Map<String, Object> stash = new ConcurrentHashMap<>();

    /** A message for the next page: {@code kind} is ok, warn or error. */
    public record Flash(String kind, String text) {}

    Session(String id, String businessId, String keyHash, String csrfToken, long now) {
        this.id = id;
        this.businessId = businessId;
        this.keyHash = keyHash;
        this.csrfToken = csrfToken;
        this.createdAt = now;
        this.lastSeen = now;
    }

    public String id() {
        return id;
    }

    public String businessId() {
        return businessId;
    }

    public String keyHash() {
        return keyHash;
    }

    public String csrfToken() {
        return csrfToken;
    }

    long createdAt() {
        return createdAt;
    }

    long lastSeen() {
        return lastSeen;
    }

    void touch(long now) {
        lastSeen = now;
    }

    public void flash(String kind, String text) {
        synchronized (flashes) {
            if (flashes.size() < 10) flashes.add(new Flash(kind, text));
        }
    }

    /** The waiting messages, removed. */
    public List<Flash> takeFlashes() {
        synchronized (flashes) {
            List<Flash> out = List.copyOf(flashes);
            flashes.clear();
            return out;
        }
    }

    public void stash(String key, Object value) {
        if (stash.size() < 20) stash.put(key, value);
    }

    /** The value stashed under {@code key}, once: a second call returns null. */
    @SuppressWarnings("unchecked")
    public <T> T take(String key) {
        return (T) stash.remove(key);
    }
}
