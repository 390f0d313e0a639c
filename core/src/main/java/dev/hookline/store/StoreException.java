package dev.hookline.store;

/** The store failed in a way the caller cannot fix (corruption, a bug). Answers 500 if it reaches the API. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
