package dev.hookline.config;

/** One configuration variable as {@code --help} and the README describe it. */
public record Variable(String name, String defaultValue, String meaning) {

    /** The matching command-line flag: {@code HOOKLINE_RETRY_DELAYS} → {@code --retry-delays}. */
    public String flag() {
        return HooklineConfig.flagOf(name);
    }
}
