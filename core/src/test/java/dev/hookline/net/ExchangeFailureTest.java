package dev.hookline.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.http.HttpException;
import org.junit.jupiter.api.Test;

/** The one wording of a failed exchange, as the attempt log and the in-call trace show it. */
class ExchangeFailureTest {
    private static final Duration TEN = Duration.ofSeconds(10);

    @Test
    void transportFailuresReadPlainly() {
        assertThat(describe(new ConnectException("Connection refused"), false)).isEqualTo("connection refused");
        assertThat(describe(new ExecutionException(new TimeoutException("Total timeout 10000 ms elapsed")), true)).isEqualTo("timed out after 10s");
        assertThat(ExchangeFailure.describe(new TimeoutException(), "h", null, false)).isEqualTo("timed out");
        assertThat(describe(new UnknownHostException("hooks.example.com"), false)).isEqualTo("could not resolve host hooks.example.com");
        assertThat(describe(new UnknownHostException("hooks.example.com resolves to an internal address (10.0.0.1), refused"), false))
                .isEqualTo("hooks.example.com resolves to an internal address (10.0.0.1), refused");
        assertThat(describe(new UnknownHostException("DNS look-up of hooks.example.com took longer than 5s"), false))
                .isEqualTo("DNS look-up of hooks.example.com took longer than 5s");
        assertThat(describe(new NoRouteToHostException("No route"), false)).isEqualTo("no route to host hooks.example.com");
        assertThat(describe(new SocketException("Connection reset"), true)).isEqualTo("connection reset in the middle of the answer");
        assertThat(describe(new SocketException("Connection reset by peer"), false)).isEqualTo("connection reset before an answer");
        assertThat(describe(new EOFException(), false)).isEqualTo("connection closed before an answer");
        assertThat(describe(new RuntimeException(new ClosedChannelException()), true)).isEqualTo("connection closed in the middle of the answer");
        assertThat(describe(new IllegalStateException("odd"), false)).isEqualTo("IllegalStateException: odd");
    }

    @Test
    void answersThatAreNotHttpSayWhy() {
        Throwable headers = new HttpException.RuntimeException(200, "Response Header Bytes Too Large");
        assertThat(describe(headers, true)).isEqualTo("response headers larger than 64 KiB");
        assertThat(ExchangeFailure.isInvalidAnswer(headers)).isTrue();
        Throwable version = new BadMessageException(505, "Unknown Version");
        assertThat(describe(new RuntimeException(version), false)).isEqualTo("invalid HTTP answer (Unknown Version)");
        assertThat(ExchangeFailure.isInvalidAnswer(version)).isTrue();
        Throwable early = new HttpException.RuntimeException(200, "Early EOF");
        assertThat(describe(early, true)).isEqualTo("connection closed in the middle of the answer");
        assertThat(ExchangeFailure.isInvalidAnswer(early)).as("the status that came is the receiver's").isFalse();
        assertThat(ExchangeFailure.isTimeout(new RuntimeException(new TimeoutException()))).isTrue();
        assertThat(ExchangeFailure.isTimeout(early)).isFalse();
    }

    @Test
    void tlsFailuresSayWhetherTheCertificateWasRefused() {
        Throwable untrusted = new SSLHandshakeException("PKIX path building failed");
        untrusted.initCause(new CertPathBuilderException("unable to find valid certification path to requested target"));
        assertThat(describe(new ExecutionException(untrusted), false))
                .isEqualTo("TLS error: certificate not accepted: unable to find valid certification path to requested target");
        Throwable wrongName = new SSLHandshakeException("No subject alternative DNS name matching hooks.example.com found.");
        wrongName.initCause(new CertificateException("No subject alternative DNS name matching hooks.example.com found."));
        assertThat(describe(wrongName, false))
                .isEqualTo("TLS error: certificate not accepted: No subject alternative DNS name matching hooks.example.com found.");
        assertThat(describe(new SSLException("Unsupported or unrecognized SSL message"), false))
                .isEqualTo("TLS error: Unsupported or unrecognized SSL message");
    }

    private static String describe(Throwable t, boolean answerStarted) {
        return ExchangeFailure.describe(t, "hooks.example.com", TEN, answerStarted);
    }
}
