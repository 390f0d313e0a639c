package dev.hookline.flows;

/** One step of a call flow, run in order while the caller is on the line. */
public sealed interface Step permits Step.Webhook, Step.Say, Step.Forward, Step.Hangup {

    String type();

    /** Calls the customer's server; with {@code waitForResponse} its answer may route the call. */
    record Webhook(String url, String method, String body, int timeoutSeconds, boolean waitForResponse) implements Step {
        public String type() {
            return "webhook";
        }
    }

    /** Plays a message and goes on. */
    record Say(String message) implements Step {
        public String type() {
            return "say";
        }
    }

    /** Connects the caller to a number; ends the flow. */
    record Forward(String destination) implements Step {
        public String type() {
            return "forward";
        }
    }

    /** Ends the call, optionally after a message. */
    record Hangup(String message) implements Step {
        public String type() {
            return "hangup";
        }
    }
}
