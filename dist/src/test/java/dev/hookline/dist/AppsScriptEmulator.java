package dev.hookline.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.testing.Receiver;
import dev.hookline.testing.Receiver.Answer;
import dev.hookline.testing.Receiver.Received;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Google's Apps Script web app on loopback, running what Hookline's generated script does. A POST
 * to {@code /macros/s/<id>/exec} runs the script (header row on first use, a {@code delivery_id}
 * already written is skipped, else one row appended) and is answered, as Google does, with a 302
 * to a one-time {@code /macros/echo?user_content_key=…} (here on loopback instead of
 * script.googleusercontent.com). A GET there returns the script's JSON answer once; a POST there
 * gets 405.
 */
final class AppsScriptEmulator implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Receiver receiver = Receiver.start();
    private final Map<String, String> echoes = new ConcurrentHashMap<>();
    private final List<List<String>> sheet = new ArrayList<>();
    private final AtomicInteger echoFailures = new AtomicInteger();
    private volatile String redirectBase;

    AppsScriptEmulator() {
        receiver.answer(this::respond);
        redirectBase = receiver.url("/macros/echo");
    }

    String url() {
        return receiver.url("/macros/s/AKfycbHookline/exec");
    }

    /** Redirects to another base instead of the emulator's own echo URL. */
    AppsScriptEmulator redirectTo(String base) {
        redirectBase = base;
        return this;
    }

    /** The next {@code n} echo fetches answer 500 after the script already ran. */
    AppsScriptEmulator failEchoes(int n) {
        echoFailures.set(n);
        return this;
    }

    /** The sheet's rows, header first. */
    synchronized List<List<String>> rows() {
        return new ArrayList<>(sheet);
    }

    List<Received> requests() {
        return receiver.all();
    }

    private Answer respond(Received r) {
        if (r.path().startsWith("/macros/s/") && r.path().endsWith("/exec")) {
            if (!r.method().equals("POST")) return json(200, "{\"ok\":true,\"service\":\"Hookline Google Sheets receiver\"}");
            String reply = runScript(r.text());
            String key = UUID.randomUUID().toString();
            echoes.put(key, reply);
            return new Answer(302, "", Duration.ZERO, Map.of("Location", redirectBase + "?user_content_key=" + key + "&lib=MHookline"));
        }
        if (r.path().equals("/macros/echo")) {
            if (!r.method().equals("GET")) return new Answer(405, "<html><body>Method Not Allowed</body></html>", Duration.ZERO, Map.of());
            if (echoFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) return new Answer(500, "<html>Internal error</html>", Duration.ZERO, Map.of());
            String key = r.query() == null ? "" : r.query().replaceAll(".*user_content_key=([^&]*).*", "$1");
            String reply = echoes.remove(key);
            return reply == null ? new Answer(404, "<html>Not Found</html>", Duration.ZERO, Map.of()) : json(200, reply);
        }
        return new Answer(404, "<html>Not Found</html>", Duration.ZERO, Map.of());
    }

    /** What the generated doPost does, under its lock. */
    private synchronized String runScript(String contents) {
        JsonNode call;
        try {
            call = MAPPER.readTree(contents);
        } catch (IOException e) {
            return "{\"ok\":false,\"error\":\"SyntaxError: Unexpected token in JSON\"}";
        }
        if (sheet.isEmpty()) {
            List<String> header = new ArrayList<>();
            call.fieldNames().forEachRemaining(header::add);
            sheet.add(header);
        }
        List<String> header = sheet.get(0);
        String id = call.path("delivery_id").asText("");
        int idColumn = header.indexOf("delivery_id");
        for (int i = 1; i < sheet.size(); i++) {
            if (!id.isEmpty() && sheet.get(i).get(idColumn).equals(id)) return "{\"ok\":true,\"duplicate\":true,\"delivery_id\":\"" + id + "\"}";
        }
        List<String> row = new ArrayList<>();
        for (Iterator<String> it = header.iterator(); it.hasNext(); ) {
            JsonNode v = call.get(it.next());
            row.add(v == null || v.isNull() ? "" : v.asText());
        }
        sheet.add(row);
        return "{\"ok\":true,\"row\":" + sheet.size() + ",\"delivery_id\":\"" + id + "\"}";
    }

    private static Answer json(int status, String body) {
        return new Answer(status, body, Duration.ZERO, Map.of("Content-Type", "application/json; charset=utf-8"));
    }

    @Override
    public void close() {
        receiver.close();
    }
}
