package dev.hookline.delivery;

import dev.hookline.model.Call;
import dev.hookline.model.Delivery;

/**
 * How call ingestion hands a new delivery straight to the worker. When the endpoint's host has
 * a free slot, the delivery is written already claimed by this run and started from memory right
 * after the commit: no poll, no second read or claim. Without a slot it is written unclaimed and
 * the worker picks it up when one frees. A claimed row whose process dies is recovered on restart
 * or, on a shared store, by another hub once the claim's lease runs out.
 */
public interface Handoff {

    /** Takes a send slot for {@code host} if one is free; returns the run id to claim with, or null. */
    String reserve(String host);

    /** Gives back a slot {@link #reserve} took when nothing was claimed with it after all. */
    void unreserve(String host);

    /** Starts attempt 1 of a delivery committed as claimed with a reserved slot. */
    void start(Delivery claimed, Call call);

    /** A delivery due now was committed unclaimed (its host had no free slot): start it when one frees. */
    void queued(String host);

    /** Unclaimed work was committed (or became due): look now. */
    void wake();
}
