package dev.hookline.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class DirectDeliveryApiTest {

    @Test
    void validationKeepsItsTwoArgumentFormAndAddsSettingErrors() {
        Validation old = new Validation(List.of("bad url"), List.of("hm"));
        assertThat(old.settingErrors()).isEmpty();
        assertThat(old.passed()).isFalse();
        Validation setting = Validation.settingError("service_account_json", "is not JSON");
        assertThat(setting.errors()).isEmpty();
        assertThat(setting.settingErrors()).containsEntry("service_account_json", "is not JSON");
        assertThat(setting.passed()).isFalse();
        assertThat(Validation.warning("x").passed()).isTrue();
    }

    @Test
    void aPlainConnectorDeclaresNoSecretSettings() {
        Connector plain = new Connector() {
            public String id() {
                return "plain";
            }

            public String name() {
                return "Plain";
            }

            public OutgoingRequest build(CallEvent event, Destination destination) {
                return OutgoingRequest.postJson(destination.url(), "{}");
            }
        };
        assertThat(plain.secretSettings()).isEmpty();
    }

    @Test
    void hubSettingsFallBackWhenUnsetOrBlank() {
        HubSettings s = new HubSettings(Map.of(HubSettings.GOOGLE_TOKEN_URL, "http://127.0.0.1:9/token", HubSettings.SHEETS_API_URL, " "));
        assertThat(s.get(HubSettings.GOOGLE_TOKEN_URL, "https://oauth2.googleapis.com/token")).isEqualTo("http://127.0.0.1:9/token");
        assertThat(s.get(HubSettings.SHEETS_API_URL, "https://sheets.googleapis.com")).isEqualTo("https://sheets.googleapis.com");
        assertThat(HubSettings.none().get("anything", "d")).isEqualTo("d");
    }

    @Test
    void anAttemptKnowsItsNumberAndAResultItsAnswer() {
        HttpPort port = r -> CompletableFuture.completedFuture(new HttpResult(200, Map.of(), "{}"));
        DirectAttempt a = new DirectAttempt(CallEvent.example().with("attempt", 3L), Destination.of("https://example.com"), port,
                HubSettings.none(), Clock.systemUTC());
        assertThat(a.number()).isEqualTo(3);
        AttemptResult r = AttemptResult.of(Verdict.retry("HTTP 503"), new HttpResult(503, Map.of(), "busy"));
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.responseBody()).isEqualTo("busy");
        assertThat(AttemptResult.of(Verdict.success()).statusCode()).isNull();
        assertThatThrownBy(() -> new AttemptResult(null, 200, "")).isInstanceOf(NullPointerException.class);
    }
}
