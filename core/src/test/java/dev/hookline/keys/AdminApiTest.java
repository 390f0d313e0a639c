package dev.hookline.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.testing.TestHub;
import dev.hookline.testing.TestHub.Reply;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's routes: absent without HOOKLINE_ADMIN_KEY, opened by that key alone. */
class AdminApiTest {
    static final String ADMIN = "hk_admin_0123456789abcdefghij";

    @Test
    void withoutAnAdminKeyTheRoutesDoNotExist(@TempDir Path dir) {
        try (TestHub hub = TestHub.start(dir)) {
            assertThat(hub.post("/api/v1/admin/businesses", "{\"name\": \"Acme\"}").status()).isEqualTo(404);
            assertThat(hub.withoutKey().post("/api/v1/admin/businesses", "{\"name\": \"Acme\"}").status()).isEqualTo(404);
            assertThat(hub.as(ADMIN).post("/api/v1/admin/businesses", "{\"name\": \"Acme\"}").status()).isEqualTo(404);
        }
    }

    @Test
    void theAdminKeyAddsABusinessWhoseKeySeesOnlyItsOwnData(@TempDir Path dir) {
        try (TestHub hub = TestHub.start(dir, Clock.systemUTC(), c -> c.with("HOOKLINE_ADMIN_KEY", ADMIN))) {
            assertThat(hub.post("/api/v1/admin/businesses", "{\"name\": \"Acme\"}").status()).as("a business key").isEqualTo(401);
            assertThat(hub.withoutKey().post("/api/v1/admin/businesses", "{\"name\": \"Acme\"}").status()).isEqualTo(401);
            assertThat(hub.as(ADMIN + "x").post("/api/v1/admin/businesses", "{\"name\": \"Acme\"}").status()).isEqualTo(401);
            assertThat(hub.as(ADMIN).get("/api/v1/call-flows").status()).as("the admin key is no business key").isEqualTo(401);

            Reply created = hub.as(ADMIN).post("/api/v1/admin/businesses", "{\"name\": \"Acme\"}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(created.json().get("name").asText()).isEqualTo("Acme");
            String business = created.json().get("business_id").asText();
            String key = created.json().get("api_key").asText();
            assertThat(business).isNotEqualTo(hub.app().defaultBusinessId());

            String defaultsFlow = hub.flow("+15735550001", "https://example.com/hook", "immediate");
            TestHub acme = hub.as(key);
            assertThat(acme.get("/api/v1/call-flows").json().get("data")).isEmpty();
            assertThat(acme.get("/api/v1/call-flows/" + defaultsFlow).status()).isEqualTo(404);
            String acmeFlow = acme.flow("+15735550001", "https://example.com/acme", "immediate");
            assertThat(acme.get("/api/v1/call-flows/" + acmeFlow).json().get("business_id").asText()).isEqualTo(business);
            assertThat(hub.get("/api/v1/call-flows/" + acmeFlow).status()).isEqualTo(404);

            Reply nameless = hub.as(ADMIN).post("/api/v1/admin/businesses", "{}");
            assertThat(nameless.status()).isEqualTo(400);
            assertThat(nameless.error("field")).isEqualTo("name");
        }
    }
}
