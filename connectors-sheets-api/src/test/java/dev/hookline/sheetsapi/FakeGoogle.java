package dev.hookline.sheetsapi;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.hookline.plugins.HttpPort;
import dev.hookline.plugins.HttpResult;
import dev.hookline.plugins.OutgoingRequest;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Google's token endpoint and the Sheets values API in memory, as an {@link HttpPort}: checks the
 * JWT (RS256 signature with the account's public key, iss, scope, aud, iat/exp at most an hour),
 * answers 401 to an unknown or expired token, keeps one tab's rows, and fails on request (429,
 * another status, an append whose answer is lost after it was written).
 */
final class FakeGoogle implements HttpPort {
    static final String TOKEN_URL = "https://oauth2.test.example/token";
    static final String API = "https://sheets.test.example";
    static final String SPREADSHEET = "1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";

    private final Clock clock;
    private final PublicKey publicKey;
    final List<OutgoingRequest> requests = new ArrayList<>();
    final List<List<Object>> rows = new ArrayList<>();
    final Map<String, Long> tokens = new HashMap<>();
    final List<JsonObject> claims = new ArrayList<>();
    int appends;
    int reads;
    private int throttled;
    private String retryAfter;
    private int failWith;
    private boolean loseNextAppendAnswer;

    FakeGoogle(Clock clock, PublicKey publicKey) {
        this.clock = clock;
        this.publicKey = publicKey;
    }

    /** The next {@code n} Sheets requests get 429, with {@code Retry-After} when not null. */
    synchronized FakeGoogle throttle(int n, String retryAfterSeconds) {
        throttled = n;
        retryAfter = retryAfterSeconds;
        return this;
    }

    synchronized FakeGoogle failNextWith(int status) {
        failWith = status;
        return this;
    }

    synchronized FakeGoogle loseNextAppendAnswer() {
        loseNextAppendAnswer = true;
        return this;
    }

    synchronized int tokenExchanges() {
        return (int) requests.stream().filter(r -> r.url().equals(TOKEN_URL)).count();
    }

    @Override
    public synchronized CompletableFuture<HttpResult> send(OutgoingRequest r) {
        requests.add(r);
        if (r.url().equals(TOKEN_URL)) return answer(token(r));
        String auth = r.headers().get("Authorization");
        Long expires = auth == null ? null : tokens.get(auth.replace("Bearer ", ""));
        if (expires == null || expires <= clock.millis()) return answer(error(401, "UNAUTHENTICATED", "Request had invalid authentication credentials."));
        if (throttled > 0) {
            throttled--;
            HttpResult tooMany = error(429, "RESOURCE_EXHAUSTED", "Quota exceeded for quota metric 'Write requests per minute per user'");
            return answer(retryAfter == null ? tooMany : new HttpResult(429, Map.of("retry-after", List.of(retryAfter)), tooMany.body()));
        }
        if (failWith != 0) {
            int status = failWith;
            failWith = 0;
            return answer(error(status, status == 403 ? "PERMISSION_DENIED" : "NOT_FOUND", "The caller does not have permission"));
        }
        URI u = URI.create(r.url());
        String prefix = "/v4/spreadsheets/" + SPREADSHEET + "/values/";
        if (!u.getRawPath().startsWith(prefix)) return answer(error(404, "NOT_FOUND", "Requested entity was not found."));
        String range = URLDecoder.decode(u.getRawPath().substring(prefix.length()), StandardCharsets.UTF_8);
        if (r.method().equals("GET")) {
            reads++;
            return answer(column(range));
        }
        if (!range.endsWith(":append") || !u.getRawQuery().equals("valueInputOption=RAW&insertDataOption=INSERT_ROWS")) {
            return answer(error(400, "INVALID_ARGUMENT", "bad append " + range + "?" + u.getRawQuery()));
        }
        appends++;
        int first = rows.size() + 1;
        for (JsonElement row : JsonParser.parseString(r.bodyText()).getAsJsonObject().getAsJsonArray("values")) {
            List<Object> cells = new ArrayList<>();
            row.getAsJsonArray().forEach(c -> cells.add(c.isJsonNull() ? null : c.getAsString()));
            rows.add(cells);
        }
        if (loseNextAppendAnswer) {
            loseNextAppendAnswer = false;
            return CompletableFuture.failedFuture(new IOException("timed out after 10s"));
        }
        return answer(new HttpResult(200, Map.of(), "{\"spreadsheetId\":\"" + SPREADSHEET + "\",\"updates\":{\"updatedRange\":\"'Sheet1'!A"
                + first + ":AL" + rows.size() + "\",\"updatedRows\":" + (rows.size() - first + 1) + "}}"));
    }

    /** The tab's rows after the header, as the column values of each. */
    synchronized List<List<Object>> dataRows() {
        return rows.size() <= 1 ? List.of() : List.copyOf(rows.subList(1, rows.size()));
    }

    private HttpResult column(String range) {
        if (!range.equals("'Sheet1'!AK:AK")) return error(400, "INVALID_ARGUMENT", "Unable to parse range: " + range);
        if (rows.isEmpty()) return new HttpResult(200, Map.of(), "{\"range\":\"'Sheet1'!AK1:AK1000\",\"majorDimension\":\"COLUMNS\"}");
        JsonArray column = new JsonArray();
        rows.forEach(row -> column.add(String.valueOf(row.get(Rows.DELIVERY_ID_COLUMN))));
        JsonArray values = new JsonArray();
        values.add(column);
        JsonObject o = new JsonObject();
        o.addProperty("range", "'Sheet1'!AK1:AK1000");
        o.addProperty("majorDimension", "COLUMNS");
        o.add("values", values);
        return new HttpResult(200, Map.of(), o.toString());
    }

    private HttpResult token(OutgoingRequest r) {
        Map<String, String> form = new HashMap<>();
        for (String pair : r.bodyText().split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        if (!AccessTokens.GRANT.equals(form.get("grant_type")) || !"application/x-www-form-urlencoded".equals(r.contentType())) {
            return new HttpResult(400, Map.of(), "{\"error\":\"unsupported_grant_type\"}");
        }
        String[] jwt = form.get("assertion").split("\\.");
        JsonObject header = JsonParser.parseString(decode(jwt[0])).getAsJsonObject();
        JsonObject c = JsonParser.parseString(decode(jwt[1])).getAsJsonObject();
        long now = clock.millis() / 1000;
        boolean valid = header.get("alg").getAsString().equals("RS256") && signed(jwt)
                && c.get("iss").getAsString().equals(TestAccounts.EMAIL)
                && c.get("scope").getAsString().equals(JwtAssertion.SCOPE)
                && c.get("aud").getAsString().equals(TOKEN_URL)
                && c.get("iat").getAsLong() <= now && c.get("exp").getAsLong() > now
                && c.get("exp").getAsLong() - c.get("iat").getAsLong() <= 3600;
        if (!valid) return new HttpResult(400, Map.of(), "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}");
        claims.add(c);
        String token = "ya29.test-" + (tokens.size() + 1);
        tokens.put(token, clock.millis() + 3599_000);
        return new HttpResult(200, Map.of(), "{\"access_token\":\"" + token + "\",\"expires_in\":3599,\"token_type\":\"Bearer\"}");
    }

    private boolean signed(String[] jwt) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(publicKey);
            rsa.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
            return rsa.verify(Base64.getUrlDecoder().decode(jwt[2]));
        } catch (Exception e) {
            return false;
        }
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    private static HttpResult error(int status, String name, String message) {
        return new HttpResult(status, Map.of(), "{\"error\":{\"code\":" + status + ",\"message\":\"" + message + "\",\"status\":\"" + name + "\"}}");
    }

    private static CompletableFuture<HttpResult> answer(HttpResult r) {
        return CompletableFuture.completedFuture(r);
    }
}
