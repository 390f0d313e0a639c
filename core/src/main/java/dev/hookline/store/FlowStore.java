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

    /** Deletes a flow and its numbers; false when it does not exist. */
    boolean delete(String businessId, String id);

    Optional<CallFlow> find(String businessId, String id);

    List<CallFlow> list(String businessId);

    Optional<String> flowIdForNumber(String businessId, String number);
}
