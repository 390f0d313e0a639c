package dev.hookline.model;

/**
 * Where and how a delivery is sent, as taken from its flow when the delivery was made: the URL and
 * its host (for per-host fairness), the connector and its settings (JSON text), the signing secret.
 */
public record Endpoint(String url, String host, String connector, String settings, String signingSecret) {}
