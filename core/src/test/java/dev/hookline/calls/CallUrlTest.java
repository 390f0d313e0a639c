package dev.hookline.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The URL fields of a call report: absolute URLs as {@link URI} reads them, plain web links seen without parsing. */
class CallUrlTest {
    @Test
    void absoluteUrlsAreTakenAndOthersRefused() {
        for (String ok : new String[] {"https://rec.example.com/r/CA1.mp3", "http://127.0.0.1:8080/a?b=c&d=e", "https://x.io/%20a#t",
                "ftp://files.example.com/a", "mailto:someone@example.com", "https://[::1]:8443/r", "s3://bucket/key"}) {
            assertThat(CallParser.isAbsoluteUrl(ok)).as(ok).isTrue();
        }
        for (String bad : new String[] {"/relative/path", "example.com/a", "https://exa mple.com/", "http://", "https://x.io/%zz", "", "://x"}) {
            assertThat(CallParser.isAbsoluteUrl(bad)).as(bad).isFalse();
        }
    }

    @Test
    void everyTextThePlainCheckTakesIsAnAbsoluteUri() {
        String alphabet = "aZ09-._~/:@!$&'()*+,;=?%#[] \\\"<>^`{|}é";
        Random random = new Random(17);
        int plain = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder b = new StringBuilder(random.nextBoolean() ? "https://" : "http://");
            for (int n = random.nextInt(12); n > 0; n--) b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            String u = b.toString();
            if (CallParser.isPlainWebUrl(u)) {
                plain++;
                assertThat(parsesAbsolute(u)).as(u).isTrue();
            }
        }
        assertThat(plain).as("the plain check took a good share of the texts").isGreaterThan(1_000);
    }

    private static boolean parsesAbsolute(String u) {
        try {
            return new URI(u).isAbsolute();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
