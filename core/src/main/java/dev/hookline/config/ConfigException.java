package dev.hookline.config;

/** A configuration value that cannot be used; the message names the variable and says why. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
