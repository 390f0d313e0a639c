package dev.hookline.plugins;

import java.util.List;

/** The outcome of {@link Connector#validate}: errors refuse the flow, warnings are only shown. Immutable. */
public record Validation(List<String> errors, List<String> warnings) {
    public Validation {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
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
}
