package dev.hookline.cli;

import dev.hookline.config.HooklineConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@code java -jar hookline.jar healthcheck}: asks {@code /health} of the hub on this host's loopback
 * at the configured port; true on 200. The container's HEALTHCHECK, with no curl in the image.
 */
public final class HealthCheck {
    private HealthCheck() {}

    public static boolean healthy(HooklineConfig config) {
        if (config.port() == 0) return false; // a port picked at start cannot be known here
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(3)).build();
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + config.port() + "/health"))
                .timeout(Duration.ofSeconds(5)).build();
        try {
            return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
