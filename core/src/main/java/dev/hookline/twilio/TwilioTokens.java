package dev.hookline.twilio;

import dev.hookline.http.ApiException;
import dev.hookline.store.Database;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Each business's Twilio auth token: set, asked about (never shown), removed, and looked up by the
 * businesses a signed request may be for. Thread-safe.
 */
final class TwilioTokens {
    /** Twilio's tokens are 32 hex characters; anything printable without spaces is taken, within reason. */
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e]{8,256}");

    private final Database db;
    private final Clock clock;

    TwilioTokens(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Stores {@code token} for the business, replacing any earlier one; returns when it was set. */
    long set(String businessId, String token) {
        if (!TOKEN.matcher(token).matches()) {
            throw ApiException.invalid("auth_token", "auth_token must be 8-256 printable characters without spaces (Twilio's is 32 hex characters)");
        }
        long now = clock.millis();
        db.write(h -> {
            h.attach(TwilioDao.class).setToken(businessId, token, now);
            return null;
        });
        return now;
    }

    /** When the business's token was set, if it has one. */
    Optional<Long> updatedAt(String businessId) {
        return db.read(h -> h.attach(TwilioDao.class).tokenUpdatedAt(businessId));
    }

    void delete(String businessId) {
        db.write(h -> h.attach(TwilioDao.class).deleteToken(businessId));
    }

    /** The businesses with {@code number} as a tracking number, with their tokens. */
    List<TwilioDao.Candidate> forNumber(String number) {
        return db.read(h -> h.attach(TwilioDao.class).forNumber(number));
    }

    /** Every business with a token: for requests that name no number (recording callbacks). */
    List<TwilioDao.Candidate> withToken() {
        return db.read(h -> h.attach(TwilioDao.class).withToken());
    }
}
