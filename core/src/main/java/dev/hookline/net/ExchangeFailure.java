package dev.hookline.net;

import dev.hookline.config.Durations;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.eclipse.jetty.http.HttpException;

/**
 * The one readable description of an outgoing exchange that failed, shared by post-call
 * attempts and in-call steps: {@code connection refused}, {@code timed out after 10s},
 * {@code could not resolve host x}, {@code connection reset}, {@code invalid HTTP answer (…)},
 * {@code response headers larger than 64 KiB}. Stateless.
 */
public final class ExchangeFailure {
    private ExchangeFailure() {}

    /**
     * Describes {@code failure} of an exchange with {@code host} (may be null). {@code timeout} is
     * the exchange's time-out, named when it ran out (null: just "timed out"); {@code answerStarted}
     * says whether a status line had arrived, which changes how a closed connection reads.
     */
    public static String describe(Throwable failure, String host, Duration timeout, boolean answerStarted) {
        if (isTimeout(failure)) return timeout == null ? "timed out" : "timed out after " + Durations.format(timeout);
        Throwable root = root(failure);
        HttpException http = find(failure, HttpException.class);
        if (http != null && isEarlyEof(http)) {
            return answerStarted ? "connection closed in the middle of the answer" : "connection closed before an answer";
        }
        if (http != null) {
            String reason = http.getReason() == null ? "" : http.getReason();
            if (http.getCode() == 431 || reason.toLowerCase(Locale.ROOT).contains("header")) {
                return "response headers larger than " + HttpClients.MAX_RESPONSE_HEADERS / 1024 + " KiB";
            }
            return "invalid HTTP answer" + (reason.isBlank() ? "" : " (" + reason + ")");
        }
        String name = host == null ? "the host" : "host " + host;
        if (root instanceof ConnectException) return "connection refused";
        if (root instanceof UnknownHostException) {
            String msg = root.getMessage();
            return msg != null && (msg.contains("internal address") || msg.startsWith("DNS")) ? msg : "could not resolve " + name;
        }
        if (root instanceof NoRouteToHostException) return "no route to " + name;
        SSLException tls = find(failure, SSLException.class);
        if (tls != null) { // a refused certificate is the root under the handshake failure
            return root instanceof GeneralSecurityException ? "TLS error: certificate not accepted: " + root.getMessage()
                    : "TLS error: " + tls.getMessage();
        }
        if (root instanceof SocketException && root.getMessage() != null && root.getMessage().toLowerCase(Locale.ROOT).contains("reset")) {
            return "connection reset" + (answerStarted ? " in the middle of the answer" : " before an answer");
        }
        if (root instanceof ClosedChannelException || root instanceof EOFException) {
            return answerStarted ? "connection closed in the middle of the answer" : "connection closed before an answer";
        }
        String msg = root.getMessage();
        return root.getClass().getSimpleName() + (msg == null || msg.isBlank() ? "" : ": " + msg);
    }

    /**
     * True when what came back was not a valid HTTP answer (a garbage status line, headers over the
     * cap): the status the client then reports is its own verdict, not the receiver's.
     */
    public static boolean isInvalidAnswer(Throwable failure) {
        HttpException http = find(failure, HttpException.class);
        return http != null && !isEarlyEof(http);
    }

    /** Jetty's parser reports a connection that ended inside an answer as a bad message "Early EOF". */
    private static boolean isEarlyEof(HttpException http) {
        return http.getReason() != null && http.getReason().toLowerCase(Locale.ROOT).contains("early eof");
    }

    /** True when the exchange ran out of time, wherever in the cause chain that is said. */
    public static boolean isTimeout(Throwable failure) {
        return find(failure, TimeoutException.class) != null;
    }

    private static Throwable root(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) r = r.getCause();
        return r;
    }

    private static <T> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) return type.cast(c);
        }
        return null;
    }
}
