package dev.hookline.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.auth.ApiKeys;
import dev.hookline.testing.Receiver;
import dev.hookline.testing.StoreFile;
import dev.hookline.testing.TestHub;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sessions, CSRF, isolation between businesses and escaping, checked over plain HTTP against a real hub. */
class DashboardSecurityTest {
    @TempDir Path dir;
    TestHub hub;
    Receiver receiver;
    WebClient web;

    @BeforeEach
    void start() {
        receiver = Receiver.start();
        hub = TestHub.start(dir);
        web = new WebClient(hub.base());
    }

    @AfterEach
    void stop() {
        hub.close();
        receiver.close();
    }

    @Test
    void signingInSetsAnHttpOnlyLaxSessionCookieAndPagesNeedIt() {
        assertThat(web.get("/flows").status()).isEqualTo(303);
        assertThat(web.get("/flows").location()).isEqualTo("/sign-in?next=%2Fflows");
        WebClient.Page in = web.signIn(TestHub.KEY);
        assertThat(in.status()).isEqualTo(303);
        String cookie = in.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(Sessions.COOKIE + "=")).findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax").contains("Path=/").doesNotContain("Secure");
        assertThat(cookie.substring(Sessions.COOKIE.length() + 1, cookie.indexOf(';'))).hasSizeGreaterThanOrEqualTo(43); // 256 bits
        WebClient.Page flows = web.get("/flows");
        assertThat(flows.status()).isEqualTo(200);
        assertThat(flows.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");
        assertThat(flows.headers().firstValue("Server-Timing").orElseThrow()).startsWith("app;dur=");
        assertThat(web.get("/health").body()).isEqualTo("{\"status\":\"ok\"}"); // the API's health check is untouched
    }

    @Test
    void aWrongKeyIsRefusedAndTheSignInFormNeedsItsToken() {
        assertThat(web.signIn("hk_not_a_key_at_all_000000").status()).isEqualTo(401);
        WebClient.Page forged = new WebClient(hub.base()).post("/sign-in", WebClient.form("api_key", TestHub.KEY, "csrf", "guess"));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith(Sessions.COOKIE + "=") && !c.startsWith(Sessions.COOKIE + "=;"));
    }

    @Test
    void theCookieIsSecureWhenThePublicUrlIsHttps(@TempDir Path other) {
        try (TestHub https = TestHub.start(other, java.time.Clock.systemUTC(), c -> c.with("HOOKLINE_PUBLIC_URL", "https://hooks.example.com"))) {
            WebClient client = new WebClient(https.base());
            WebClient.Page form = client.get("/sign-in");
            assertThat(form.headers().allValues("Set-Cookie")).allMatch(c -> c.contains("; Secure"));
            String token = form.csrf();
            WebClient.Page in = client.postWithCookie("/sign-in", WebClient.form("csrf", token, "next", "/", "api_key", TestHub.KEY),
                    SignInPages.SIGN_IN_COOKIE + "=" + token);
            assertThat(in.status()).isEqualTo(303);
            assertThat(in.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith(Sessions.COOKIE + "=") && c.contains("; Secure"));
        }
    }

    @Test
    void aPostWithoutTheCsrfTokenChangesNothing() {
        web.signIn(TestHub.KEY);
        String flow = hub.flow("+15735550101", receiver.url("/hook"), "immediate");
        WebClient.Page refused = web.post("/flows/" + flow + "/delete", WebClient.form());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("Nothing was changed");
        WebClient.Page wrong = web.post("/flows/" + flow + "/delete", WebClient.form("csrf", "not-the-token"));
        assertThat(wrong.status()).isEqualTo(403);
        WebClient.Page rename = web.post("/flows/" + flow, WebClient.form("name", "Renamed", "tracking_numbers", "+15735550101", "op", "save"));
        assertThat(rename.status()).isEqualTo(403);
        assertThat(hub.get("/api/v1/call-flows/" + flow).json().get("name").asText()).isEqualTo("Flow +15735550101");
        WebClient.Page signOut = web.post("/sign-out", WebClient.form());
        assertThat(signOut.status()).isEqualTo(403);
        assertThat(web.get("/flows").status()).isEqualTo(200); // still signed in

        String token = web.get("/flows").csrf();
        assertThat(web.post("/flows/" + flow + "/delete", WebClient.form("csrf", token)).status()).isEqualTo(303);
        assertThat(hub.get("/api/v1/call-flows/" + flow).status()).isEqualTo(404);
    }

    @Test
    void oneBusinessCannotOpenAnothersFlowDeliveryOrCall() {
        String[] other = hub.app().apiKeys().createBusiness("Other Co");
        TestHub otherApi = hub.as(other[1]);
        String theirFlow = otherApi.flow("+15735550202", receiver.url("/theirs"), "immediate");
        String theirDelivery = otherApi.call("their-call", "+15735550202").json().get("delivery_id").asText();
        otherApi.awaitAttempts(theirDelivery, 1);

        web.signIn(TestHub.KEY);
        for (String path : new String[] {"/flows/" + theirFlow, "/flows/" + theirFlow + "/sheets", "/flows/" + theirFlow + "/delete",
                "/deliveries/" + theirDelivery, "/calls/their-call"}) {
            WebClient.Page p = web.get(path);
            assertThat(p.status()).as(path).isEqualTo(404);
            assertThat(p.body()).as(path).contains("not found").doesNotContain("Flow +15735550202");
        }
        String token = web.get("/flows").csrf();
        assertThat(web.post("/deliveries/" + theirDelivery + "/redeliver", WebClient.form("csrf", token)).status()).isEqualTo(404);
        assertThat(web.post("/flows/" + theirFlow + "/test", WebClient.form("csrf", token)).status()).isEqualTo(404);
        assertThat(web.post("/flows/" + theirFlow + "/delete", WebClient.form("csrf", token)).status()).isEqualTo(404);
        assertThat(otherApi.get("/api/v1/call-flows/" + theirFlow).status()).isEqualTo(200);
        assertThat(web.get("/calls").body()).doesNotContain("their-call");
        assertThat(web.get("/deliveries").body()).doesNotContain(theirDelivery);
        assertThat(web.get("/").body()).doesNotContain("Flow +15735550202").doesNotContain("/theirs");
    }

    @Test
    void aSessionEndsOnceItsKeyIsGoneFromTheStore() {
        String[] biz = hub.app().apiKeys().createBusiness("Revoked Co");
        // a session over a key this process never cached, so the per-request check reaches the store
        Session s = hub.app().web().sessions().create(biz[0], ApiKeys.hashOf(biz[1]));
        web.useSession(s.id());
        assertThat(web.get("/flows").status()).isEqualTo(200);
        StoreFile.execute(dir, "DELETE FROM api_keys WHERE business_id = '" + biz[0] + "'"); // what revocation does to the row
        WebClient.Page after = web.get("/flows");
        assertThat(after.status()).isEqualTo(303);
        assertThat(after.location()).startsWith("/sign-in");
        assertThat(hub.app().web().sessions().find(s.id())).isEmpty();
    }

    @Test
    void signingOutEndsTheSessionAndItsCookie() {
        web.signIn(TestHub.KEY);
        String token = web.get("/").csrf();
        WebClient.Page out = web.post("/sign-out", WebClient.form("csrf", token));
        assertThat(out.status()).isEqualTo(303);
        assertThat(out.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith(Sessions.COOKIE + "=;") && c.contains("Max-Age=0"));
        assertThat(web.get("/flows").status()).isEqualTo(303);
        assertThat(hub.app().web().sessions().size()).isZero();
    }

    @Test
    void aFlowNameWithMarkupIsShownAsText() {
        web.signIn(TestHub.KEY);
        String token = web.get("/flows/new").csrf();
        WebClient.Page created = web.post("/flows", WebClient.form("csrf", token, "name", "<script>alert('x')</script>", "tracking_numbers",
                "+15735550303", "post_call_webhook.enabled", "on", "post_call_webhook.url", receiver.url("/hook"),
                "post_call_webhook.firing_mode", "immediate", "post_call_webhook.connector", "webhook", "op", "save"));
        assertThat(created.status()).isEqualTo(303);
        for (String path : new String[] {created.location(), "/flows", "/"}) {
            String body = web.get(path).body();
            assertThat(body).as(path).contains("&lt;script&gt;alert(").doesNotContain("<script>alert(");
        }
    }

    @Test
    void anUnknownPageIsAnHtmlPageAndTheApiStillAnswersJson() {
        web.signIn(TestHub.KEY);
        WebClient.Page missing = web.get("/no-such-page");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).contains("<!doctype html>").contains("There is no page at /no-such-page");
        WebClient.Page api = web.get("/api/v1/nope");
        assertThat(api.body()).startsWith("{\"error\"");
        assertThat(web.get("/flows/00000000-0000-0000-0000-000000000000").body()).contains("not found");
    }
}
