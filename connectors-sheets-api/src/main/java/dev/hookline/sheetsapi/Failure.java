package dev.hookline.sheetsapi;

import dev.hookline.plugins.AttemptResult;

/** A step of a write that ended the attempt: carries the result every row of the batch gets. */
final class Failure extends RuntimeException {
    private final transient AttemptResult result;

    Failure(AttemptResult result) {
        super(result.verdict().reason(), null, false, false);
        this.result = result;
    }

    AttemptResult result() {
        return result;
    }
}
