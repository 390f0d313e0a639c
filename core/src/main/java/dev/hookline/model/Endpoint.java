package dev.hookline.model;

/**
 * Where and how a delivery is sent, as taken from its flow when the delivery was made: the URL and
 * its host (for per-host fairness), the connector and its settings (JSON text), the signing secret
 * and the extra request headers (JSON text, {@code {}} for none).
 */
public record Endpoint(String url, String host, String connector, String settings, String signingSecret, String headers) {

    /** Without the secret and the headers: they must not reach a log. */
    @Override
    public String toString() {
        return "Endpoint[url=" + url + ", connector=" + connector + "]";
    }
}
