package dev.hookline.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutboxHostTest {
    @Test
    void theHostOfAUrlIsLowerCaseWithoutPortAndTheSameWhenAskedAgain() {
        for (int i = 0; i < 2; i++) {
            assertThat(Outbox.hostOf("https://Hooks.Example.COM:8443/in?x=1")).isEqualTo("hooks.example.com");
            assertThat(Outbox.hostOf("http://127.0.0.2:9000/hook")).isEqualTo("127.0.0.2");
            assertThat(Outbox.hostOf("http://[::1]:9000/hook")).isEqualTo("[::1]");
        }
    }

    @Test
    void manyDistinctUrlsStillGetTheirOwnHost() {
        for (int i = 0; i < 25_000; i++) {
            assertThat(Outbox.hostOf("https://h" + i + ".example.com/x")).isEqualTo("h" + i + ".example.com");
        }
        assertThat(Outbox.hostOf("https://h3.example.com/x")).isEqualTo("h3.example.com");
    }
}
