package dev.hookline.store;

/**
 * The store cannot take a write now (disk full, busy past its bound, writer down, database
 * unreachable) and nothing was stored. The API answers 503 with {@code Retry-After}.
 */
public final class StoreUnavailableException extends StoreException {
    private final int retryAfterSeconds;

    public StoreUnavailableException(String message, int retryAfterSeconds, Throwable cause) {
        super(message, cause);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
