package dev.hookline.model;

/** One recorded attempt of a delivery. {@code statusCode} is null when no HTTP answer came. */
public record Attempt(String deliveryId, int attempt, long sentAt, Integer statusCode, Long durationMs, String error, String responseBody) {}
