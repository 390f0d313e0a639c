package dev.hookline.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What of a webhook URL a log line may show: scheme and host, never user info, path or query. */
class RedactTest {

    @Test
    void aUrlIsCutToItsHost() {
        assertThat(Redact.host("https://hooks.slack.com/services/T0/B0/secret")).isEqualTo("hooks.slack.com");
        assertThat(Redact.host("http://127.0.0.1:8080/hook?token=x")).isEqualTo("127.0.0.1");
        assertThat(Redact.host("not a url")).isEqualTo("(url)");
        assertThat(Redact.host(null)).isNull();
    }

    @Test
    void urlsInsideAnErrorLoseUserInfoPathAndQuery() {
        String error = "redirect to https://user:pw@hooks.zapier.com/hooks/catch/1/abc/?k=v not followed (was http://10.0.0.1:8080/a)";
        assertThat(Redact.urls(error)).isEqualTo("redirect to https://hooks.zapier.com/… not followed (was http://10.0.0.1:8080/…)")
                .doesNotContain("user", "pw", "catch", "k=v");
        assertThat(Redact.urls("HTTP 503")).isEqualTo("HTTP 503");
        assertThat(Redact.urls(null)).isNull();
    }
}
