package dev.hookline.store;

/** A tracking number of a flow being saved already belongs to another flow of the business. */
public final class NumberTakenException extends RuntimeException {
    private final int index;
    private final String number;
    private final String ownerFlowId;

    public NumberTakenException(int index, String number, String ownerFlowId) {
        super("tracking number " + number + " already belongs to call flow " + ownerFlowId, null, false, false);
        this.index = index;
        this.number = number;
        this.ownerFlowId = ownerFlowId;
    }

    /** Its position in the flow's {@code tracking_numbers}. */
    public int index() {
        return index;
    }

    public String number() {
        return number;
    }

    public String ownerFlowId() {
        return ownerFlowId;
    }
}
