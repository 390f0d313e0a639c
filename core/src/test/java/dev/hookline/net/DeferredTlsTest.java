package dev.hookline.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.hookline.testing.Receiver;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS of the outgoing client: nothing read at start, the JVM's trust checks on the first https exchange. */
class DeferredTlsTest {
    private static final char[] PASSWORD = "changeit".toCharArray();
    @TempDir
    static Path dir;
    private static Path keyStore;
    private static HttpsServer https;

    /** A loopback https server with a self-signed certificate for 127.0.0.1, made by the JDK's keytool. */
    @BeforeAll
    static void startHttpsServer() throws Exception {
        keyStore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "receiver", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)))
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();

        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            ks.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        https.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("ok".getBytes());
            exchange.close();
        });
        https.start();
    }

    @AfterAll
    static void stopHttpsServer() {
        if (https != null) https.stop(0);
    }

    private static String httpsUrl() {
        return "https://127.0.0.1:" + https.getAddress().getPort() + "/";
    }

    @Test
    void startAndPlainHttpReadNoTrustStoreAndTheFirstHttpsExchangeChecksTheCertificate() throws Exception {
        HttpClient client = HttpClients.start(new TargetPolicy(true), 4, "tls-test");
        try (Receiver plain = Receiver.start()) {
            DeferredTls tls = (DeferredTls) client.getSslContextFactory();
            assertThat(tls.isLoaded()).isFalse();

            assertThat(client.GET(plain.url("/hook")).getStatus()).isEqualTo(200);
            assertThat(tls.isLoaded()).isFalse();

            Throwable refused = catchThrowable(() -> client.GET(httpsUrl()));
            assertThat(tls.isLoaded()).isTrue();
            assertThat(ExchangeFailure.describe(refused, "127.0.0.1", null, false))
                    .startsWith("TLS error: certificate not accepted:"); // the JVM's trust store knows no self-signed receiver
        } finally {
            HttpClients.stop(client);
        }
    }

    @Test
    void aTrustStoreConfiguredBeforeStartIsTheOneLoaded() throws Exception {
        DeferredTls tls = new DeferredTls();
        tls.setTrustStorePath(keyStore.toString());
        tls.setTrustStorePassword(new String(PASSWORD));
        HttpClient client = new HttpClient();
        client.setSslContextFactory(tls);
        client.start();
        try {
            ContentResponse answer = client.GET(httpsUrl());
            assertThat(answer.getStatus()).isEqualTo(200);
            assertThat(answer.getContentAsString()).isEqualTo("ok");
            assertThat(tls.isLoaded()).isTrue();
        } finally {
            client.stop();
        }
        assertThat(tls.isLoaded()).isFalse(); // stopped: a restarted client reads its stores again
    }
}
