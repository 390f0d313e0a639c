package dev.hookline.model;

/** Where a delivery stands; the wire names are the API's {@code status} values. */
public enum DeliveryStatus {
    PENDING("pending"),
    SUCCEEDED("succeeded"),
    FAILED("failed"),
    /** Ended without an attempt: a Wait-for-AI delivery whose AI conditions failed when it fired. */
    SKIPPED("skipped");

    private final String wire;

    DeliveryStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The status of a wire name, or null when it is not one. */
    public static DeliveryStatus fromWire(String s) {
        for (DeliveryStatus d : values()) {
            if (d.wire.equals(s)) return d;
        }
        return null;
    }
}
