package dev.hookline.incall;

import dev.hookline.flows.FlowService;
import java.util.Optional;

/**
 * Finds the flow a live call runs. The call is live: this look-up is on the answer's path, so it
 * goes through the flow service's cache (emptied by every change to a flow) and costs no query
 * once a number has been seen. Thread-safe.
 */
final class LiveFlows {
    private final FlowService flows;

    LiveFlows(FlowService flows) {
        this.flows = flows;
    }

    Optional<LiveFlow> forNumber(String businessId, String trackingNumber) {
        return flows.forCall(businessId, null, trackingNumber).map(f -> new LiveFlow(f.id(), f.steps()));
    }
}
