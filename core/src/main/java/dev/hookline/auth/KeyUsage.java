package dev.hookline.auth;

import dev.hookline.store.KeyStore;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When each API key was last used, without a write per request: uses are noted in memory and
 * written in one batch every {@link #FLUSH_SECONDS} (and on close). Readers merge the noted times
 * with the stored ones, so a listing is current before the write. Thread-safe.
 */
public final class KeyUsage implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KeyUsage.class);
    static final int FLUSH_SECONDS = 60;
    /** A use this close to the last noted one changes nothing worth a map write. */
    private static final long GRANULARITY_MILLIS = 1000;

    private final KeyStore store;
    private final ConcurrentHashMap<String, Long> noted = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hookline-key-usage");
        t.setDaemon(true);
        return t;
    });

    public KeyUsage(KeyStore store) {
        this.store = store;
        flusher.scheduleWithFixedDelay(this::flushQuietly, FLUSH_SECONDS, FLUSH_SECONDS, TimeUnit.SECONDS);
    }

    /** Notes a use of key {@code keyId} at {@code millis}. */
    void used(String keyId, long millis) {
        Long last = noted.get(keyId);
        if (last == null || millis - last >= GRANULARITY_MILLIS) noted.merge(keyId, millis, Math::max);
    }

    /** The latest of the stored time and a use noted since (null when neither). */
    public Long lastUsed(String keyId, Long stored) {
        Long mine = noted.get(keyId);
        if (mine == null) return stored;
        return stored == null ? mine : Math.max(mine, stored);
    }

    /** Writes the noted uses in one transaction; a failed write keeps them for the next flush. */
    void flush() {
        if (noted.isEmpty()) return;
        Map<String, Long> batch = new HashMap<>(noted);
        store.touch(batch);
        batch.forEach((id, at) -> noted.remove(id, at));
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("could not store when API keys were last used; trying again in {} s: {}", FLUSH_SECONDS, e.getMessage());
        }
    }

    /** Stops the schedule and writes what is noted; call before the store closes. */
    @Override
    public void close() {
        flusher.shutdownNow();
        flushQuietly();
    }
}
