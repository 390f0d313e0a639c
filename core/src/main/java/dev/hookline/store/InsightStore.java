package dev.hookline.store;

import java.util.List;
import java.util.Optional;

/**
 * The dashboard's read-only queries: aggregates for the health view (counted in the store, never
 * by loading rows) and the recent-calls list with each call's delivery status. Every query is
 * scoped by business.
 */
public interface InsightStore {

    /** Deliveries of one flow created in one hour ({@code bucket} hours after the window's start) with one status. */
    record FlowHour(String callFlowId, int bucket, String status, long n) {}

    /** One endpoint host's attempts in a window: how many, how many answered 2xx, and attempt-time percentiles. */
    record HostStats(String host, long attempts, long okAttempts, long deliveries, long failedDeliveries, Long p50Ms, Long p95Ms) {}

    /** A call with what the list shows: AI fields, the trace, and its newest delivery ("status id"), if any. */
    record CallRow(String callId, String callFlowId, String trackingNumber, String callerNumber, String status, boolean aiProcessed,
                   String aiScore, String aiCategory, String inCallTrace, long createdAt, String lastDelivery) {}

    /**
     * Deliveries per flow of the business (or only flow {@code flowId} when not null), hour and
     * status in the {@code hours} hours from {@code start} (Test deliveries left out).
     */
    List<FlowHour> flowHours(String businessId, String flowId, long start, int hours);

    /**
     * Per endpoint host, the attempts of the business's newest {@code sample} deliveries created
     * since {@code since}: p50 and p95 attempt times and the share answered 2xx. The sample bounds
     * the work however many deliveries the store holds.
     */
    List<HostStats> hostStats(String businessId, long since, int sample);

    /** A page of calls, newest first, before the cursor ({@code beforeCreated}, {@code beforeId}) when given. */
    List<CallRow> recentCalls(String businessId, String flowId, Long beforeCreated, String beforeId, int limit);

    /** The ids of one call's deliveries (Test ones too), newest first. */
    List<String> deliveryIdsOfCall(String businessId, String callId, int limit);

    Optional<String> businessName(String businessId);
}
