package dev.hookline.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JettyDefaultsTest {
    private String before;

    @BeforeEach
    void remember() {
        before = System.getProperty(JettyDefaults.REFERENCES_PER_CACHE_LINE);
    }

    @AfterEach
    void restore() {
        if (before == null) System.clearProperty(JettyDefaults.REFERENCES_PER_CACHE_LINE);
        else System.setProperty(JettyDefaults.REFERENCES_PER_CACHE_LINE, before);
    }

    @Test
    void compressedReferencesBelowThirtyTwoGibibytesOfHeap() {
        assertThat(JettyDefaults.referencesPerCacheLine(256L << 20)).isEqualTo(16);
        assertThat(JettyDefaults.referencesPerCacheLine((32L << 30) - 1)).isEqualTo(16);
        assertThat(JettyDefaults.referencesPerCacheLine(32L << 30)).isEqualTo(8);
    }

    @Test
    void answersJettysQuestionUnlessTheOperatorDid() {
        System.clearProperty(JettyDefaults.REFERENCES_PER_CACHE_LINE);
        JettyDefaults.apply();
        assertThat(System.getProperty(JettyDefaults.REFERENCES_PER_CACHE_LINE))
                .isEqualTo(Integer.toString(JettyDefaults.referencesPerCacheLine(Runtime.getRuntime().maxMemory())));

        System.setProperty(JettyDefaults.REFERENCES_PER_CACHE_LINE, "4");
        JettyDefaults.apply();
        assertThat(System.getProperty(JettyDefaults.REFERENCES_PER_CACHE_LINE)).isEqualTo("4");
    }
}
