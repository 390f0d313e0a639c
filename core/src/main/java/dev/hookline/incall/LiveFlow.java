package dev.hookline.incall;

import dev.hookline.model.Step;
import java.util.List;

/** What a live run needs of a call flow: its id and its steps, in order. Immutable. */
record LiveFlow(String id, List<Step> steps) {

    LiveFlow {
        steps = List.copyOf(steps);
    }
}
