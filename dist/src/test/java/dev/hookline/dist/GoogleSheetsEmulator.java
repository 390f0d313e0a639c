package dev.hookline.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookline.testing.Receiver;
import dev.hookline.testing.Receiver.Answer;
import dev.hookline.testing.Receiver.Received;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Google's OAuth token endpoint and the Sheets API's values.get / values.append on loopback, as
 * the real ones behave: the token endpoint takes the jwt-bearer grant and checks the JWT (RS256
 * signature with the service account's public key, iss, scope, aud = this token URL, iat, exp at
 * most an hour on); the Sheets calls need a live token (401 otherwise), write to the spreadsheet's
 * tab and count each account's writes: beyond 60 in a minute (a test may set fewer) the answer is
 * 429 with {@code Retry-After}. A spreadsheet can be set to hold its next append's answer back
 * after writing, as a lost answer.
 */
final class GoogleSheetsEmulator implements AutoCloseable {
    static final String SCOPE = "https://www.googleapis.com/auth/spreadsheets";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One request the emulator answered, for the tests' checks. */
    record Call(String kind, String account, String spreadsheet, int status, long atMillis, int rows) {}

    private record Token(String account, long expiresAtMillis) {}

    private record Limit(int writes, Duration window) {}

    private final Receiver receiver = Receiver.start();
    private final Map<String, PublicKey> accounts = new ConcurrentHashMap<>();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Map<String, List<List<String>>> sheets = new HashMap<>();
    private final Map<String, Deque<Long>> writes = new HashMap<>();
    private final Map<String, Limit> limits = new ConcurrentHashMap<>();
    private final Set<String> loseNextAnswer = ConcurrentHashMap.newKeySet();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    /** JWTs refused, with why: a test expects none. */
    final List<String> refusedJwts = new CopyOnWriteArrayList<>();

    GoogleSheetsEmulator() {
        receiver.answer(this::respond);
    }

    String tokenUrl() {
        return receiver.url("/token");
    }

    String apiUrl() {
        return receiver.url("");
    }

    /** A new service account: an RSA key pair made here, its public key kept, its JSON key file returned. */
    String serviceAccount(String email) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair keys = g.generateKeyPair();
            accounts.put(email, keys.getPublic());
            ObjectNode file = MAPPER.createObjectNode();
            file.put("type", "service_account");
            file.put("project_id", "hookline-it");
            file.put("private_key_id", UUID.randomUUID().toString().replace("-", ""));
            file.put("private_key", "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n");
            file.put("client_email", email);
            file.put("token_uri", "https://oauth2.googleapis.com/token");
            return MAPPER.writeValueAsString(file);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Google's per-user write quota for {@code account}, narrowed for a test (60 a minute otherwise). */
    void limitWrites(String account, int writesAllowed, Duration window) {
        limits.put(account, new Limit(writesAllowed, window));
    }

    /** The next append to {@code spreadsheet} is written, then its answer held back for 4 s (past the hub's time-out in the tests). */
    void holdNextAppendAnswer(String spreadsheet) {
        loseNextAnswer.add(spreadsheet);
    }

    void revokeTokens() {
        tokens.clear();
    }

    synchronized List<List<String>> rows(String spreadsheet) {
        return new ArrayList<>(sheets.getOrDefault(spreadsheet, List.of()));
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    List<Call> calls(String kind, String spreadsheetOrAccount) {
        return calls.stream().filter(c -> c.kind().equals(kind)
                && (spreadsheetOrAccount.equals(c.spreadsheet()) || spreadsheetOrAccount.equals(c.account()))).toList();
    }

    private Answer respond(Received r) {
        try {
            if (r.path().equals("/token")) return token(r);
            if (r.path().startsWith("/v4/spreadsheets/")) return sheets(r);
            return error(404, "NOT_FOUND", "Requested entity was not found.");
        } catch (RuntimeException e) {
            return error(500, "INTERNAL", "emulator: " + e);
        }
    }

    private Answer token(Received r) {
        Map<String, String> form = new HashMap<>();
        for (String pair : r.text().split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2) form.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))) {
            return json(400, "{\"error\":\"unsupported_grant_type\",\"error_description\":\"Invalid grant_type\"}");
        }
        String assertion = form.getOrDefault("assertion", "");
        String problem = jwtProblem(assertion);
        String account = problem == null ? claims(assertion).path("iss").asText() : null;
        calls.add(new Call("token", account, null, problem == null ? 200 : 400, System.currentTimeMillis(), 0));
        if (problem != null) {
            refusedJwts.add(problem);
            return json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"" + problem + "\"}");
        }
        String token = "ya29.emulated-" + UUID.randomUUID();
        tokens.put(token, new Token(account, System.currentTimeMillis() + 3600_000));
        return json(200, "{\"access_token\":\"" + token + "\",\"expires_in\":3599,\"token_type\":\"Bearer\"}");
    }

    /** Why Google would refuse this JWT, or null. */
    private String jwtProblem(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) return "Invalid JWT: not three parts";
        JsonNode header = decode(parts[0]);
        JsonNode c = decode(parts[1]);
        if (header == null || c == null) return "Invalid JWT: not base64url JSON";
        if (!"RS256".equals(header.path("alg").asText())) return "Invalid JWT: alg must be RS256";
        PublicKey key = accounts.get(c.path("iss").asText());
        if (key == null) return "Invalid JWT: unknown service account " + c.path("iss").asText();
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rsa.verify(Base64.getUrlDecoder().decode(parts[2]))) return "Invalid JWT Signature.";
        } catch (Exception e) {
            return "Invalid JWT Signature.";
        }
        if (!SCOPE.equals(c.path("scope").asText())) return "Invalid JWT: scope " + c.path("scope").asText();
        if (!tokenUrl().equals(c.path("aud").asText())) return "Invalid JWT: aud " + c.path("aud").asText();
        long now = System.currentTimeMillis() / 1000;
        long iat = c.path("iat").asLong(-1);
        long exp = c.path("exp").asLong(-1);
        if (iat > now + 60 || exp <= now) return "Invalid JWT: Token must be a short-lived token and in a reasonable timeframe";
        if (exp - iat > 3600) return "Invalid JWT: exp more than an hour after iat";
        return null;
    }

    private Answer sheets(Received r) {
        // /v4/spreadsheets/{id}/values/{range}[:append]
        String[] p = r.path().substring("/v4/spreadsheets/".length()).split("/values/", 2);
        String spreadsheet = p[0];
        String range = p.length > 1 ? p[1] : "";
        boolean append = r.method().equals("POST") && range.endsWith(":append");
        String auth = r.header("authorization");
        Token token = auth == null ? null : tokens.get(auth.replace("Bearer ", ""));
        if (token == null || token.expiresAtMillis() < System.currentTimeMillis()) {
            calls.add(new Call(append ? "append" : "get", null, spreadsheet, 401, System.currentTimeMillis(), 0));
            return error(401, "UNAUTHENTICATED", "Request had invalid authentication credentials. Expected OAuth 2 access token.");
        }
        if (append) return append(r, token.account(), spreadsheet, range.substring(0, range.length() - ":append".length()));
        if (r.method().equals("GET")) return column(token.account(), spreadsheet, range, r.query());
        return error(404, "NOT_FOUND", "Requested entity was not found.");
    }

    private synchronized Answer column(String account, String spreadsheet, String range, String query) {
        calls.add(new Call("get", account, spreadsheet, 200, System.currentTimeMillis(), 0));
        if (!range.endsWith("!AK:AK") || query == null || !query.contains("majorDimension=COLUMNS")) {
            return error(400, "INVALID_ARGUMENT", "emulator: unexpected read " + range + "?" + query);
        }
        List<List<String>> rows = sheets.getOrDefault(spreadsheet, List.of());
        ObjectNode o = MAPPER.createObjectNode();
        o.put("range", range);
        o.put("majorDimension", "COLUMNS");
        if (!rows.isEmpty()) {
            ArrayNode column = o.putArray("values").addArray();
            rows.forEach(row -> column.add(row.size() > 36 ? row.get(36) : ""));
        }
        return json(200, o.toString());
    }

    private Answer append(Received r, String account, String spreadsheet, String range) {
        long now = System.currentTimeMillis();
        if (!"valueInputOption=RAW&insertDataOption=INSERT_ROWS".equals(r.query()) || !range.endsWith("!A1")) {
            return error(400, "INVALID_ARGUMENT", "emulator: unexpected append " + range + "?" + r.query());
        }
        String answer;
        int written;
        synchronized (this) {
            Limit limit = limits.getOrDefault(account, new Limit(60, Duration.ofMinutes(1)));
            Deque<Long> recent = writes.computeIfAbsent(account, k -> new ArrayDeque<>());
            while (!recent.isEmpty() && recent.peekFirst() <= now - limit.window().toMillis()) recent.pollFirst();
            if (recent.size() >= limit.writes()) {
                long wait = Math.max(1, (recent.peekFirst() + limit.window().toMillis() - now + 999) / 1000);
                calls.add(new Call("append", account, spreadsheet, 429, now, 0));
                return new Answer(429, "{\"error\":{\"code\":429,\"message\":\"Quota exceeded for quota metric 'Write requests' and limit "
                        + "'Write requests per minute per user'\",\"status\":\"RESOURCE_EXHAUSTED\"}}", Duration.ZERO,
                        Map.of("Content-Type", "application/json; charset=UTF-8", "Retry-After", Long.toString(wait)));
            }
            recent.addLast(now);
            JsonNode values;
            try {
                values = MAPPER.readTree(r.body()).path("values");
            } catch (IOException e) {
                return error(400, "INVALID_ARGUMENT", "Invalid JSON payload received.");
            }
            List<List<String>> sheet = sheets.computeIfAbsent(spreadsheet, k -> new ArrayList<>());
            int first = sheet.size() + 1;
            for (JsonNode row : values) {
                List<String> cells = new ArrayList<>();
                row.forEach(cell -> cells.add(cell.isNull() ? "" : cell.asText()));
                sheet.add(cells);
            }
            written = sheet.size() - first + 1;
            calls.add(new Call("append", account, spreadsheet, 200, now, written));
            answer = "{\"spreadsheetId\":\"" + spreadsheet + "\",\"updates\":{\"spreadsheetId\":\"" + spreadsheet + "\",\"updatedRange\":\""
                    + range.replace("!A1", "!A" + first + ":AL" + sheet.size()) + "\",\"updatedRows\":" + written + "}}";
        }
        // written; the answer may be held back past the hub's time-out (its retry must not write again)
        Duration delay = loseNextAnswer.remove(spreadsheet) ? Duration.ofSeconds(4) : Duration.ZERO;
        return new Answer(200, answer, delay, Map.of("Content-Type", "application/json; charset=UTF-8"));
    }

    private static JsonNode claims(String jwt) {
        return decode(jwt.split("\\.")[1]);
    }

    private static JsonNode decode(String part) {
        try {
            return MAPPER.readTree(Base64.getUrlDecoder().decode(part));
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private static Answer error(int status, String name, String message) {
        return json(status, "{\"error\":{\"code\":" + status + ",\"message\":\"" + message + "\",\"status\":\"" + name + "\"}}");
    }

    private static Answer json(int status, String body) {
        return new Answer(status, body, Duration.ZERO, Map.of("Content-Type", "application/json; charset=UTF-8"));
    }

    @Override
    public void close() {
        receiver.close();
    }
}
