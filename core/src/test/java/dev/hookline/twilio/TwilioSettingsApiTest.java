package dev.hookline.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.testing.TestHub;
import dev.hookline.testing.TestHub.Reply;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PUT/GET/DELETE /api/v1/settings/twilio: the auth token is set per business and never shown again. */
class TwilioSettingsApiTest {
    static final String TOKEN = "0123456789abcdef0123456789abcdef";

    @TempDir Path dir;
    TestHub hub;

    @BeforeEach
    void start() {
        hub = TestHub.start(dir);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void theTokenIsSetReplacedAndRemovedButNeverShown() {
        Reply none = hub.get("/api/v1/settings/twilio");
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.json().get("auth_token_set").asBoolean()).isFalse();
        assertThat(none.json().get("updated_at").isNull()).isTrue();

        Reply set = hub.put("/api/v1/settings/twilio", "{\"auth_token\": \"" + TOKEN + "\"}");
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.json().get("auth_token_set").asBoolean()).isTrue();
        assertThat(Instant.parse(set.json().get("updated_at").asText())).isNotNull();
        Reply read = hub.get("/api/v1/settings/twilio");
        for (Reply r : new Reply[] {set, read}) {
            assertThat(r.body()).doesNotContain(TOKEN).doesNotContain(TOKEN.substring(TOKEN.length() - 4));
            assertThat(r.json().size()).as("whether it is set and since when, nothing else").isEqualTo(2);
        }
        assertThat(read.json().get("auth_token_set").asBoolean()).isTrue();

        assertThat(hub.put("/api/v1/settings/twilio", "{\"auth_token\": \"ffffffffffffffffffffffffffffffff\"}").status()).isEqualTo(200);
        assertThat(hub.delete("/api/v1/settings/twilio").status()).isEqualTo(204);
        assertThat(hub.get("/api/v1/settings/twilio").json().get("auth_token_set").asBoolean()).isFalse();
    }

    @Test
    void eachBusinessHasItsOwnToken() {
        String[] other = hub.app().apiKeys().createBusiness("Other");
        assertThat(hub.put("/api/v1/settings/twilio", "{\"auth_token\": \"" + TOKEN + "\"}").status()).isEqualTo(200);
        assertThat(hub.as(other[1]).get("/api/v1/settings/twilio").json().get("auth_token_set").asBoolean()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"auth_token\": \"\"}", "{\"auth_token\": 12345678}", "{\"auth_token\": \"short\"}",
            "{\"auth_token\": \"has a space in it\"}", "{\"auth_token\": \"0123456789abcdef\", \"account_sid\": \"AC1\"}"})
    void aBadBodyIs400NamingTheField(String body) {
        Reply r = hub.put("/api/v1/settings/twilio", body);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.error("field")).isIn("auth_token", "account_sid");
        assertThat(hub.get("/api/v1/settings/twilio").json().get("auth_token_set").asBoolean()).isFalse();
    }

    @Test
    void theSettingNeedsAKey() {
        assertThat(hub.withoutKey().put("/api/v1/settings/twilio", "{\"auth_token\": \"" + TOKEN + "\"}").status()).isEqualTo(401);
        assertThat(hub.withoutKey().get("/api/v1/settings/twilio").status()).isEqualTo(401);
        assertThat(hub.withoutKey().delete("/api/v1/settings/twilio").status()).isEqualTo(401);
    }
}
