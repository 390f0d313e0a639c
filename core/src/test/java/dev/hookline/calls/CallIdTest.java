package dev.hookline.calls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A reported call_id: 1-128 of letters, digits and {@code . _ : -}, nothing else. */
class CallIdTest {
    @Test
    void lettersDigitsAndFourMarksUpTo128() {
        assertThat(CallParser.isId("CA1234:abc.def_ghi-JKL")).isTrue();
        assertThat(CallParser.isId("x")).isTrue();
        assertThat(CallParser.isId("a".repeat(128))).isTrue();
        assertThat(CallParser.isId("")).isFalse();
        assertThat(CallParser.isId("a".repeat(129))).isFalse();
        for (String bad : new String[] {"has space", "slash/", "ü", "quote\"", "a+b", "semi;colon", "tab\t", "at@"}) {
            assertThat(CallParser.isId(bad)).as(bad).isFalse();
        }
    }
}
