package dev.hookline.bench;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * The dashboard with a full store: loads {@code calls} calls (90% to a healthy receiver, 10% to a
 * refused port, spread over the past 7 days), signs in through the form, and times every main
 * page over repeated GETs. The server's own time comes from each answer's {@code Server-Timing};
 * the round trip of {@code GET /health} in the same run is the baseline.
 */
final class DashboardBench {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Pattern TIMING = Pattern.compile("app;dur=([0-9.]+)");
    private static final Pattern DELIVERY = Pattern.compile("href=\"/deliveries/([0-9a-f-]{36})\"");

    private final Path jar;
    private final Path work;
    private final Results results;
    private final int calls;
    private final int samples;

    DashboardBench(Path jar, Path work, Results results, int calls, int samples) {
        this.jar = jar;
        this.work = work;
        this.results = results;
        this.calls = calls;
        this.samples = samples;
    }

    void run() throws Exception {
        try (HubUnderTest hub = HubUnderTest.start(jar, work, Map.of("HOOKLINE_RETRY_DELAYS", "10ms"));
             BenchReceiver receiver = new BenchReceiver("127.0.0.1", BenchReceiver.Mode.OK, 64);
             LoadClient load = new LoadClient(32)) {
            String[] flows = {
                    flow(load, hub, "Google Ads", "+15735550701", receiver.url("/ads")),
                    flow(load, hub, "Facebook leads", "+15735550702", receiver.url("/fb")),
                    flow(load, hub, "Broken CRM", "+15735550703", "http://127.0.0.2:9/crm")};
            long t0 = System.nanoTime();
            long now = System.currentTimeMillis();
            List<CompletableFuture<LoadClient.Reply>> pending = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                String number = i % 10 == 9 ? "+15735550703" : i % 3 == 0 ? "+15735550702" : "+15735550701";
                String createdAt = Instant.ofEpochMilli(now - (long) (i * (7 * 86_400_000.0 / calls))).toString();
                pending.add(load.post(hub.base() + "/api/v1/calls", "application/json", callReport("dash-" + i, number, createdAt), HubUnderTest.KEY));
                if (pending.size() >= 4096) drain(pending);
            }
            drain(pending);
            double loadSecs = (System.nanoTime() - t0) / 1e9;
            long healthy = calls - calls / 10;
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (receiver.received() < healthy && System.nanoTime() < deadline) Thread.sleep(50);
            results.add("dashboard", "calls in the store (" + healthy + " delivered, the rest to a refused port)", calls, "calls");
            results.add("dashboard", "load time", loadSecs, "s");

            HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
            signIn(http, hub.base());
            String delivery = someDelivery(http, hub.base());
            Map<String, String> pages = new LinkedHashMap<>();
            pages.put("/ (health, 24 h)", "/");
            pages.put("/?range=7d (health, 7 days)", "/?range=7d");
            pages.put("/flows", "/flows");
            pages.put("/flows/{id} (editor, charts)", "/flows/" + flows[0]);
            pages.put("/flows/{id}/sheets", "/flows/" + flows[0] + "/sheets");
            pages.put("/deliveries", "/deliveries");
            pages.put("/deliveries?status=failed", "/deliveries?status=failed");
            pages.put("/deliveries?flow= (one flow)", "/deliveries?flow=" + flows[1]);
            pages.put("/deliveries/{id}", "/deliveries/" + delivery);
            pages.put("/calls", "/calls");
            pages.put("/calls?flow= (one flow)", "/calls?flow=" + flows[2]);
            pages.put("/calls/{id}", "/calls/dash-5");

            Histogram base = new Histogram(60_000_000L, 3);
            for (int i = 0; i < samples * 2; i++) {
                long s = System.nanoTime();
                get(http, hub.base() + "/health");
                if (i >= samples) base.recordValue((System.nanoTime() - s) / 1000);
            }
            double baseline = base.getValueAtPercentile(50) / 1000.0;
            results.add("dashboard", "baseline: GET /health round trip, p50", baseline, "ms");
            // every page in turn first, so the code they share is compiled before any page is measured
            for (int i = 0; i < samples / 2; i++) {
                for (String path : pages.values()) get(http, hub.base() + path);
            }
            double worst = 0;
            for (Map.Entry<String, String> p : pages.entrySet()) {
                Histogram server = new Histogram(60_000_000L, 3);
                Histogram trip = new Histogram(60_000_000L, 3);
                for (int i = 0; i < samples; i++) {
                    long s = System.nanoTime();
                    HttpResponse<String> r = get(http, hub.base() + p.getValue());
                    long us = (System.nanoTime() - s) / 1000;
                    if (r.statusCode() != 200) throw new IllegalStateException(p.getValue() + " answered " + r.statusCode());
                    Matcher m = TIMING.matcher(r.headers().firstValue("Server-Timing").orElse(""));
                    if (!m.find()) throw new IllegalStateException(p.getValue() + " has no Server-Timing");
                    server.recordValue((long) (Double.parseDouble(m.group(1)) * 1000));
                    trip.recordValue(us);
                }
                double max = server.getMaxValue() / 1000.0;
                worst = Math.max(worst, max);
                results.add("dashboard", "GET " + p.getKey() + ": server p50", server.getValueAtPercentile(50) / 1000.0, "ms");
                results.add("dashboard", "GET " + p.getKey() + ": server p95", server.getValueAtPercentile(95) / 1000.0, "ms");
                results.add("dashboard", "GET " + p.getKey() + ": server max", max, "ms", "<= 200", Results.check(max <= 200));
                results.add("dashboard", "GET " + p.getKey() + ": round trip p95 / baseline", trip.getValueAtPercentile(95) / 1000.0 / baseline, "x");
            }
            results.add("dashboard", "slowest page on the server (max of all, " + samples + " GETs each)", worst, "ms", "<= 200", Results.check(worst <= 200));
        }
    }

    private static String flow(LoadClient load, HubUnderTest hub, String name, String number, String url) throws Exception {
        LoadClient.Reply r = load.post(hub.base() + "/api/v1/call-flows", "application/json", Payloads.flow(name, number, url), HubUnderTest.KEY).get();
        if (r.status() != 201) throw new IllegalStateException("flow not created: " + r.status() + " " + r.body());
        Matcher m = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(r.body());
        if (!m.find()) throw new IllegalStateException("no id in " + r.body());
        return m.group(1);
    }

    private static String callReport(String callId, String number, String createdAt) {
        String r = Payloads.callReport(callId, number);
        return r.substring(0, r.length() - 1) + ",\"created_at\":\"" + createdAt + "\"}";
    }

    private static void signIn(HttpClient http, String base) throws Exception {
        HttpResponse<String> form = get(http, base + "/sign-in");
        Matcher m = CSRF.matcher(form.body());
        if (!m.find()) throw new IllegalStateException("no sign-in form: " + form.body());
        String body = "csrf=" + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8) + "&next=%2F&api_key="
                + URLEncoder.encode(HubUnderTest.KEY, StandardCharsets.UTF_8);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 303) throw new IllegalStateException("sign-in refused: " + r.statusCode());
    }

    /**
     * A failed delivery's id (its page shows the attempts with their errors), else any delivery's: a
     * slow machine may still be writing the last outcomes, so the log is asked again for up to a minute.
     */
    private static String someDelivery(HttpClient http, String base) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        HttpResponse<String> last = null;
        String first = null;
        do {
            for (String path : new String[] {"/deliveries?status=failed", "/deliveries"}) {
                last = get(http, base + path);
                Matcher d = DELIVERY.matcher(last.body());
                if (last.statusCode() == 200 && d.find()) {
                    if (first != null) System.out.println("dashboard: the deliveries log listed a delivery only after a first " + first);
                    return d.group(1);
                }
                if (first == null) first = "GET " + path + " answered " + last.statusCode() + " " + last.headers().firstValue("Location").orElse("")
                        + " " + last.body().substring(0, Math.min(300, last.body().length())).replaceAll("\\s+", " ");
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        String body = last.body();
        throw new IllegalStateException("GET /deliveries lists no delivery after a minute: " + last.statusCode() + " "
                + last.headers().firstValue("Location").orElse("") + " " + body.substring(0, Math.min(400, body.length())));
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void drain(List<CompletableFuture<LoadClient.Reply>> pending) throws Exception {
        for (CompletableFuture<LoadClient.Reply> f : pending) {
            LoadClient.Reply r = f.get();
            if (r.status() != 201) throw new IllegalStateException("call refused: " + r.status() + " " + r.body());
        }
        pending.clear();
    }
}
