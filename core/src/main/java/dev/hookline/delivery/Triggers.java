package dev.hookline.delivery;

import dev.hookline.model.Call;
import dev.hookline.model.CallFields;
import dev.hookline.model.CallFilter;
import dev.hookline.model.FiringMode;
import dev.hookline.model.PostCallWebhook;

/**
 * Which calls fire a flow's post-call webhook: its {@code events} and {@code filter}. The AI
 * conditions are judged when the delivery fires: at once for {@code immediate} (or a call reported
 * with its analysis), else when the analysis arrives or at the fallback. Stateless.
 */
public final class Triggers {
    static final String OFF = "the flow's post-call webhook is off";

    private Triggers() {}

    /** Why a reported call gets no delivery, or null when it gets one. */
    public static String skipReason(Call call, PostCallWebhook w) {
        if (!w.enabled() || w.url() == null) return OFF;
        return mismatch(call, w, firesNow(call, w));
    }

    /** Why {@code call} does not match the webhook's events and filter (AI conditions only with {@code judgeAi}), or null. */
    public static String mismatch(Call call, PostCallWebhook w, boolean judgeAi) {
        String event = CallFields.eventFor(call.status());
        if (!w.options().fires(event)) {
            return "event " + event + " is not in post_call_webhook.events (" + String.join(", ", w.options().effectiveEvents()) + ")";
        }
        CallFilter f = w.options().filter();
        if (f.isEmpty()) return null;
        return (judgeAi || !f.hasAiConditions() ? f : f.withoutAi()).mismatch(call);
    }

    /** The AI conditions a delivery planned now must meet when it fires later; null when none are left to judge. */
    static CallFilter pendingAiConditions(Call call, PostCallWebhook w) {
        CallFilter f = w.options().filter();
        return firesNow(call, w) || !f.hasAiConditions() ? null : f.aiPart();
    }

    /** Why a Wait-for-AI delivery firing now with {@code call} as it stands is skipped, or null when it is sent. */
    static String skipOnFiring(CallFilter ai, Call call) {
        String why = ai.mismatch(call);
        if (why == null) return null;
        return why + (call.aiProcessed() ? " (after the AI analysis)" : " (at the Wait-for-AI fallback: no AI analysis arrived)");
    }

    private static boolean firesNow(Call call, PostCallWebhook w) {
        return w.firingMode() == FiringMode.IMMEDIATE || call.aiProcessed();
    }
}
