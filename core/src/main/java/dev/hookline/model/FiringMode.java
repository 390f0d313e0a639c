package dev.hookline.model;

/** When a post-call webhook fires: at once, or once AI analysis is in (with a fallback). */
public enum FiringMode {
    IMMEDIATE("immediate"),
    WAIT_FOR_AI("wait_for_ai");

    private final String wire;

    FiringMode(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static FiringMode fromWire(String s) {
        for (FiringMode m : values()) {
            if (m.wire.equals(s)) return m;
        }
        return null;
    }
}
