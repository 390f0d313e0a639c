package dev.hookline.store;

import dev.hookline.model.CallFlow;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Call flows and their tracking numbers. Every read and write is scoped by business. */
public interface FlowStore {

    /** Stores a new flow; throws {@link NumberTakenException} when a number belongs to another flow. */
    void create(CallFlow flow);

    /** Replaces a flow by {@code change} of the stored one, in one transaction; empty when it does not exist. */
    Optional<CallFlow> replace(String businessId, String id, UnaryOperator<CallFlow> change);

    /** Why the pending deliveries of a deleted flow ended. */
    String FLOW_DELETED = "call flow deleted";

    /**
     * Deletes a flow and its numbers, and ends its pending deliveries (in flight or not) as failed
     * with {@link #FLOW_DELETED} at {@code now}, in one transaction; false when it does not exist.
     * An attempt in flight then is still recorded, and only its success changes that outcome.
     */
    boolean delete(String businessId, String id, long now);

    Optional<CallFlow> find(String businessId, String id);

    List<CallFlow> list(String businessId);

    Optional<String> flowIdForNumber(String businessId, String number);

    /** A flow's current signing secret and the one a rotation replaced, with when that stops signing (both null when none). */
    record Secrets(String signingSecret, String previousSecret, Long previousSecretExpiresAt) {}

    Optional<Secrets> secrets(String businessId, String flowId);

    /** Makes {@code secret} the flow's signing secret; the one it replaces signs too until {@code previousExpiresAt}. False: no such flow. */
    boolean rotate(String businessId, String flowId, String secret, long previousExpiresAt, long now);
}
