package dev.hookline.connectors;

/** A loaded connector as {@code GET /api/v1/connectors} lists it; plugin fields are null for built-ins. */
public record ConnectorInfo(String id, String name, String pluginId, String pluginVersion) {}
