package dev.hookline.flows;

import dev.hookline.model.PostCallWebhook;
import dev.hookline.model.Step;
import java.util.List;

/** A validated flow body from POST or PUT, before it gets an id, secret and times. */
public record FlowInput(String name, List<String> trackingNumbers, PostCallWebhook postCallWebhook, List<Step> steps) {}
