package dev.hookline.store;

/** The store failed in a way the caller cannot fix (disk, corruption, a bug). Answers 500 if it reaches the API. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
