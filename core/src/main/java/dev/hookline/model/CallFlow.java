package dev.hookline.model;

import java.util.List;

/** A call flow: its tracking numbers, live steps and post-call webhook. Times are epoch ms. */
public record CallFlow(
        String id,
        String businessId,
        String name,
        List<String> trackingNumbers,
        PostCallWebhook postCallWebhook,
        List<Step> steps,
        String signingSecret,
        long createdAt,
        long updatedAt) {

    public CallFlow {
        trackingNumbers = List.copyOf(trackingNumbers);
        steps = List.copyOf(steps);
    }
}
