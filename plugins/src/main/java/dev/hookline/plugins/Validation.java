package dev.hookline.plugins;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of {@link Connector#validate}: errors refuse the flow, warnings are only shown.
 * {@code settingErrors} (setting name → message) refuse it with a 400 naming
 * {@code post_call_webhook.settings.<name>}. Immutable.
 */
public record Validation(List<String> errors, List<String> warnings, Map<String, String> settingErrors) {
    public Validation {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
        settingErrors = settingErrors == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settingErrors));
    }

    /** Errors and warnings about the URL only. */
    public Validation(List<String> errors, List<String> warnings) {
        this(errors, warnings, Map.of());
    }

    public static Validation ok() {
        return new Validation(List.of(), List.of());
    }

    public static Validation error(String message) {
        return new Validation(List.of(message), List.of());
    }

    public static Validation warning(String message) {
        return new Validation(List.of(), List.of(message));
    }

    /** The setting {@code name} cannot work; {@code message} says why (without the setting's value when it is secret). */
    public static Validation settingError(String name, String message) {
        return new Validation(List.of(), List.of(), Map.of(name, message));
    }

    /** True when the flow may be saved. */
    public boolean passed() {
        return errors.isEmpty() && settingErrors.isEmpty();
    }
}
