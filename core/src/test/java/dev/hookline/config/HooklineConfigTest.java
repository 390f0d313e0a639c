package dev.hookline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HooklineConfigTest {

    @Test
    void defaultsMatchTheContract() {
        HooklineConfig c = HooklineConfig.from(Map.of(), new String[0]);
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.dataDir().toString()).isEqualTo("./data");
        assertThat(c.apiKey()).isEmpty();
        assertThat(c.allowPrivateTargets()).isFalse();
        assertThat(c.retryDelays()).containsExactly(Duration.ofSeconds(30), Duration.ofMinutes(2));
        assertThat(c.maxAttempts()).isEqualTo(3);
        assertThat(c.postCallTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.aiWaitTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.databaseUrl()).isEmpty();
        assertThat(c.adminKey()).isEmpty();
        assertThat(c.publicUrl()).isEmpty();
        assertThat(c.retention()).isEqualTo(Duration.ofDays(90));
        assertThat(c.logFormat()).isEqualTo(HooklineConfig.LogFormat.TEXT);
    }

    @Test
    void secondStageVariablesAreRead() {
        HooklineConfig c = HooklineConfig.from(Map.of("HOOKLINE_DATABASE_URL", "postgresql://hl:pw@127.0.0.1:5432/hookline",
                "HOOKLINE_ADMIN_KEY", "admin-key-0123456789", "HOOKLINE_PUBLIC_URL", "https://hooks.example.com",
                "HOOKLINE_RETENTION", "0", "HOOKLINE_LOG_FORMAT", "json"), new String[0]);
        assertThat(c.databaseUrl()).contains("postgresql://hl:pw@127.0.0.1:5432/hookline");
        assertThat(c.adminKey()).contains("admin-key-0123456789");
        assertThat(c.publicUrl().orElseThrow().toString()).isEqualTo("https://hooks.example.com");
        assertThat(c.retention()).isZero();
        assertThat(c.logFormat()).isEqualTo(HooklineConfig.LogFormat.JSON);
        assertThat(c.with("HOOKLINE_RETENTION", "7d").retention()).isEqualTo(Duration.ofDays(7));
        assertThat(c.withPort(0).adminKey()).isEqualTo(c.adminKey());
    }

    @Test
    void aBadFlagIsNamedAsTheFlag() {
        assertThatThrownBy(() -> HooklineConfig.from(Map.of("HOOKLINE_PORT", "9000"), new String[] {"--port=http"}))
                .hasMessageStartingWith("--port='http'")
                .hasMessageNotContaining("HOOKLINE_PORT");
        assertThatThrownBy(() -> HooklineConfig.from(Map.of(), new String[] {"--retention=forever"}))
                .hasMessageStartingWith("--retention=");
    }

    @Test
    void environmentIsReadAndFlagsWin() {
        HooklineConfig c = HooklineConfig.from(Map.of("HOOKLINE_PORT", "9000", "HOOKLINE_RETRY_DELAYS", "250ms,1h",
                "HOOKLINE_ALLOW_PRIVATE_TARGETS", "true"), new String[] {"--port=9100", "--post-call-timeout=3s"});
        assertThat(c.port()).isEqualTo(9100);
        assertThat(c.retryDelays()).containsExactly(Duration.ofMillis(250), Duration.ofHours(1));
        assertThat(c.postCallTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.allowPrivateTargets()).isTrue();
        assertThat(HooklineConfig.from(Map.of("HOOKLINE_RETRY_DELAYS", ""), new String[0]).maxAttempts()).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "HOOKLINE_RETRY_DELAYS          | abc    | not a duration",
            "HOOKLINE_RETRY_DELAYS          | 30s,,2m | not a duration",
            "HOOKLINE_PORT                  | http   | whole number",
            "HOOKLINE_PORT                  | 70000  | whole number",
            "HOOKLINE_POST_CALL_TIMEOUT     | 0s     | more than zero",
            "HOOKLINE_AI_WAIT_TIMEOUT       | 5 min  | not a duration",
            "HOOKLINE_ALLOW_PRIVATE_TARGETS | maybe  | true or false",
            "HOOKLINE_API_KEY               | short  | too short",
            "HOOKLINE_ADMIN_KEY             | short  | too short",
            "HOOKLINE_PUBLIC_URL            | hooks.example.com | absolute http",
            "HOOKLINE_DATABASE_URL          | mysql://x/y | postgresql://",
            "HOOKLINE_RETENTION             | 90 days | not a duration",
            "HOOKLINE_LOG_FORMAT            | xml    | text, json",
    })
    void aBadValueNamesTheVariableAndSaysWhy(String variable, String value, String why) {
        assertThatThrownBy(() -> HooklineConfig.from(Map.of(variable, value), new String[0]))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(variable)
                .hasMessageContaining(why);
    }

    @Test
    void unknownFlagsAreRefused() {
        assertThatThrownBy(() -> HooklineConfig.from(Map.of(), new String[] {"--prot=1"})).hasMessageContaining("--prot");
        assertThatThrownBy(() -> HooklineConfig.from(Map.of(), new String[] {"serve"})).hasMessageContaining("serve");
    }

    @Test
    void durationsFormatBackToTheirSyntax() {
        for (String s : List.of("250ms", "30s", "2m", "1h", "90d")) {
            assertThat(Durations.format(Durations.parse(s))).isEqualTo(s);
        }
    }
}
