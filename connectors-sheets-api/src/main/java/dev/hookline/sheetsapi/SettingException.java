package dev.hookline.sheetsapi;

/** A flow setting that cannot work: which one, and why (never its value: some settings are secret). */
final class SettingException extends RuntimeException {
    private final String setting;

    SettingException(String setting, String message) {
        super(message, null, false, false);
        this.setting = setting;
    }

    String setting() {
        return setting;
    }
}
