package dev.hookline.sheetsapi;

import com.google.gson.JsonObject;
import dev.hookline.plugins.AttemptResult;
import dev.hookline.plugins.HttpPort;
import dev.hookline.plugins.HttpResult;
import dev.hookline.plugins.OutgoingRequest;
import dev.hookline.plugins.Verdict;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens of service accounts: a signed JWT exchanged at the token URL, the token kept until
 * shortly before it expires (by the hub's clock), one exchange at a time per account however many
 * attempts ask at once. A token the Sheets API refuses is {@link #forget forgotten}. Thread-safe.
 */
final class AccessTokens {
    static final String GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    /** A token is replaced this long before it expires (at most half its lifetime), so none expires in flight. */
    static final long MARGIN_SECONDS = 60;
    private static final long DEFAULT_LIFETIME_SECONDS = 3600;

    private record Token(String value, long usableUntilMillis) {}

    private final ConcurrentHashMap<String, CompletableFuture<Token>> tokens = new ConcurrentHashMap<>();

    /** A usable token for {@code account} at {@code tokenUrl}; an exchange fails the future with a {@link Failure}. */
    CompletableFuture<String> get(ServiceAccount account, String tokenUrl, HttpPort http, Clock clock) {
        String key = key(account, tokenUrl);
        while (true) {
            CompletableFuture<Token> current = tokens.get(key);
            if (current != null && !current.isDone()) return current.thenApply(Token::value);
            Token t = current == null || current.isCompletedExceptionally() ? null : current.join();
            if (t != null && clock.millis() < t.usableUntilMillis()) return CompletableFuture.completedFuture(t.value());
            CompletableFuture<Token> fresh = new CompletableFuture<>();
            boolean mine = current == null ? tokens.putIfAbsent(key, fresh) == null : tokens.replace(key, current, fresh);
            if (!mine) continue;
            exchange(account, tokenUrl, http, clock).whenComplete((token, err) -> {
                if (err != null) {
                    tokens.remove(key, fresh);
                    fresh.completeExceptionally(err);
                } else {
                    fresh.complete(token);
                }
            });
            return fresh.thenApply(Token::value);
        }
    }

    /** Drops {@code token} when it is the one kept for {@code account}: the next attempt fetches another. */
    void forget(ServiceAccount account, String tokenUrl, String token) {
        String key = key(account, tokenUrl);
        CompletableFuture<Token> current = tokens.get(key);
        if (current != null && current.isDone() && !current.isCompletedExceptionally() && current.join().value().equals(token)) {
            tokens.remove(key, current);
        }
    }

    private CompletableFuture<Token> exchange(ServiceAccount account, String tokenUrl, HttpPort http, Clock clock) {
        String form = "grant_type=" + URLEncoder.encode(GRANT, StandardCharsets.UTF_8)
                + "&assertion=" + URLEncoder.encode(JwtAssertion.sign(account, tokenUrl, clock.instant()), StandardCharsets.UTF_8);
        OutgoingRequest req = new OutgoingRequest("POST", tokenUrl, Map.of("Accept", "application/json"),
                "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8));
        return http.send(req).thenApply(answer -> token(answer, account, tokenUrl, clock));
    }

    private static Token token(HttpResult answer, ServiceAccount account, String tokenUrl, Clock clock) {
        JsonObject o = JsonText.object(answer.body());
        String value = JsonText.string(o, "access_token");
        if (answer.statusCode() != 200 || value == null || value.isBlank()) {
            // the answer names the OAuth error (invalid_grant, …), never the token or the key; it is not kept
            String error = JsonText.string(o, "error");
            String description = JsonText.string(o, "error_description");
            String why = "the token endpoint " + tokenUrl + " refused service account " + account.clientEmail() + ": HTTP "
                    + answer.statusCode() + (error == null ? "" : " " + error) + (description == null ? "" : " (" + description + ")");
            Verdict v = answer.statusCode() == 429 && answer.retryAfter().isPresent()
                    ? Verdict.retryAfter(Answers.capped(answer.retryAfter().get()), why) : Verdict.retry(why);
            throw new Failure(new AttemptResult(v, answer.statusCode(), null));
        }
        Long lifetime = JsonText.number(o, "expires_in");
        long seconds = lifetime == null || lifetime <= 0 ? DEFAULT_LIFETIME_SECONDS : lifetime;
        long keep = seconds - Math.min(MARGIN_SECONDS, seconds / 2);
        return new Token(value, clock.millis() + keep * 1000);
    }

    private static String key(ServiceAccount account, String tokenUrl) {
        return account.id() + " " + tokenUrl;
    }
}
