package dev.hookline.incall;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.model.Step;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a call flow's steps for a live call, in stored order. {@code say} adds its message and
 * goes on; {@code forward} and {@code hangup} end the flow; running out of steps ends in a
 * hangup without message. A fire-and-forget webhook is sent in the background and the flow goes
 * on at once; a wait-for-response webhook suspends the run (no thread waits) until its answer or
 * timeout, then the run goes on on the worker executor. The number of in-flight requests is
 * bounded per kind, in all and per business ({@link BusinessSlots}); over a bound a step is not
 * sent and the trace says {@code dropped_queue_full}. The whole run has a deadline (by the
 * injected clock): a wait-for-response step waits at most until shortly before it, and once it
 * has passed such steps are not sent; either is traced as {@code deadline} and the flow goes on
 * with its other steps. The run's trace is handed to the {@link TraceKeeper}, which writes it with
 * the call just after the answer. Thread-safe.
 */
final class InCallEngine {
    private static final Logger log = LoggerFactory.getLogger(InCallEngine.class);
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    /**
     * Bounds: in-flight fire-and-forget and wait-for-response requests, in all and per business,
     * bytes read of an answer, and a run's whole time.
     */
    record Limits(int maxBackground, int maxWaiting, int maxAnswerBytes, int maxBackgroundPerBusiness, int maxWaitingPerBusiness,
                  Duration flowDeadline) {
        /** The deadline is Twilio's: it waits 15 s for the answer to its voice request. */
        public static final Limits DEFAULT = new Limits(256, 256, 64 * 1024, Duration.ofSeconds(15));

        /** A business may hold a quarter of each bound. */
        Limits(int maxBackground, int maxWaiting, int maxAnswerBytes, Duration flowDeadline) {
            this(maxBackground, maxWaiting, maxAnswerBytes, Math.max(1, maxBackground / 4), Math.max(1, maxWaiting / 4), flowDeadline);
        }
    }

    /** Waiting ends this long before the deadline, to leave time for writing the answer and its way back. */
    static final long ANSWER_MARGIN_MS = 500;

    private final WebhookSender sender;
    private final InCallRequestBuilder requests;
    private final InCallSigner signer;
    private final TraceKeeper traces;
    private final ObjectMapper mapper;
    private final Executor worker;
    private final Limits limits;
    private final Clock clock;
    private final BusinessSlots background;
    private final BusinessSlots waiting;
    private final AtomicLong dropped = new AtomicLong();

    /** An engine that sends its requests unsigned. */
    InCallEngine(WebhookSender sender, InCallRequestBuilder requests, TraceKeeper traces, ObjectMapper mapper, Executor worker, Limits limits,
                 Clock clock) {
        this(sender, requests, InCallSigner.NONE, traces, mapper, worker, limits, clock);
    }

    InCallEngine(WebhookSender sender, InCallRequestBuilder requests, InCallSigner signer, TraceKeeper traces, ObjectMapper mapper,
                 Executor worker, Limits limits, Clock clock) {
        this.sender = sender;
        this.requests = requests;
        this.signer = signer;
        this.traces = traces;
        this.mapper = mapper;
        this.worker = worker;
        this.limits = limits;
        this.clock = clock;
        this.background = new BusinessSlots(limits.maxBackground(), limits.maxBackgroundPerBusiness());
        this.waiting = new BusinessSlots(limits.maxWaiting(), limits.maxWaitingPerBusiness());
    }

    /** Runs {@code flow} for {@code call}; completes once the flow has ended, its trace queued for the store. */
    CompletableFuture<InCallResult> run(LiveCall call, LiveFlow flow) {
        FlowRun run = new FlowRun(call, flow, clock.millis() + limits.flowDeadline().toMillis());
        traces.begin(run);
        CompletableFuture<Void> steps;
        try {
            steps = advance(run, 0);
        } catch (RuntimeException e) {
            traces.abandon(run);
            return CompletableFuture.failedFuture(e);
        }
        return steps.handle((v, failure) -> {
            if (failure != null) {
                traces.abandon(run);
                throw failure instanceof CompletionException c ? c : new CompletionException(failure);
            }
            traces.save(run);
            return run.result();
        });
    }

    /** Runs steps from {@code from} until the flow ends or a step must wait for an answer. */
    private CompletableFuture<Void> advance(FlowRun run, int from) {
        List<Step> steps = run.flow().steps();
        for (int i = from; i < steps.size(); i++) {
            Step step = steps.get(i);
            long start = System.nanoTime();
            if (step instanceof Step.Say say) {
                run.act(Action.say(say.message()));
                run.record(TraceEntry.of(i, step.type(), Outcome.SAID, elapsedMs(start)));
            } else if (step instanceof Step.Forward forward) {
                run.act(Action.forward(forward.destination()));
                run.record(TraceEntry.of(i, step.type(), Outcome.FORWARDED, elapsedMs(start)));
                return DONE;
            } else if (step instanceof Step.Hangup hangup) {
                run.act(Action.hangup(hangup.message()));
                run.record(TraceEntry.of(i, step.type(), Outcome.HUNG_UP, elapsedMs(start)));
                return DONE;
            } else if (step instanceof Step.Webhook webhook) {
                if (!webhook.waitForResponse()) {
                    fire(run, i, webhook);
                    continue;
                }
                CompletableFuture<Void> answered = await(run, i, webhook);
                if (answered.isDone()) {
                    if (run.ended()) return DONE;
                    continue;
                }
                int next = i + 1;
                return answered.thenComposeAsync(v -> run.ended() ? DONE : advance(run, next), worker);
            }
        }
        run.act(Action.hangup(null));
        return DONE;
    }

    /** Fire-and-forget: hands the request to the background; its end settles the stored trace entry. */
    private void fire(FlowRun run, int i, Step.Webhook step) {
        long start = System.nanoTime();
        String business = run.call().businessId();
        BusinessSlots.Taken slot = background.tryTake(business);
        if (slot != BusinessSlots.Taken.YES) {
            run.record(dropped(i, start, background, slot));
            return;
        }
        InCallRequest request;
        try {
            request = signer.sign(requests.build(step, run.call()), business, run.flow().id());
        } catch (RuntimeException e) {
            background.release(business);
            run.record(new TraceEntry(i, step.type(), Outcome.ERROR, null, elapsedMs(start), "cannot build the request: " + e.getMessage()));
            return;
        }
        run.backgroundStarted();
        int position = run.record(TraceEntry.of(i, step.type(), Outcome.FIRED, elapsedMs(start)));
        try {
            // even handing a request to the client (connection pool, queues) is kept off the answer's path
            worker.execute(() -> sender.send(request, step.timeoutSeconds() * 1000L, 0).whenComplete((exchange, neverFails) -> {
                try {
                    traces.settle(run, position, backgroundOutcome(i, step, exchange));
                } finally {
                    background.release(business);
                }
            }));
        } catch (RejectedExecutionException shuttingDown) {
            traces.settle(run, position, new TraceEntry(i, step.type(), Outcome.ERROR, null, 0, "not sent: the hub is shutting down"));
            background.release(business);
        }
    }

    private static TraceEntry backgroundOutcome(int i, Step.Webhook step, Exchange x) {
        if (x.timedOut()) return timedOut(i, step, x);
        if (x.failure() != null) return new TraceEntry(i, step.type(), Outcome.ERROR, null, x.durationMs(), x.failureText());
        if (x.is2xx()) return new TraceEntry(i, step.type(), Outcome.DELIVERED, x.status(), x.durationMs(), null);
        return errorStatus(i, step, x);
    }

    /**
     * Wait-for-response: completes when the answer (or its absence) is recorded and, if usable,
     * applied. The wait is cut to what is left of the run's deadline; with nothing left the step
     * is not sent.
     */
    private CompletableFuture<Void> await(FlowRun run, int i, Step.Webhook step) {
        long start = System.nanoTime();
        long stepMs = step.timeoutSeconds() * 1000L;
        long leftMs = run.deadlineAt() - ANSWER_MARGIN_MS - clock.millis();
        if (leftMs <= 0) {
            run.record(new TraceEntry(i, step.type(), Outcome.DEADLINE, null, 0,
                    "not sent: the flow's " + deadlineText() + " deadline has passed"));
            return DONE;
        }
        long timeoutMs = Math.min(stepMs, leftMs);
        boolean cut = timeoutMs < stepMs;
        String business = run.call().businessId();
        BusinessSlots.Taken slot = waiting.tryTake(business);
        if (slot != BusinessSlots.Taken.YES) {
            run.record(dropped(i, start, waiting, slot));
            return DONE;
        }
        InCallRequest request;
        try {
            request = signer.sign(requests.build(step, run.call()), business, run.flow().id());
        } catch (RuntimeException e) {
            waiting.release(business);
            run.record(new TraceEntry(i, step.type(), Outcome.ERROR, null, elapsedMs(start), "cannot build the request: " + e.getMessage()));
            return DONE;
        }
        return sender.send(request, timeoutMs, limits.maxAnswerBytes()).thenAccept(exchange -> {
            try {
                apply(run, i, step, exchange, cut);
            } finally {
                waiting.release(business);
            }
        });
    }

    private void apply(FlowRun run, int i, Step.Webhook step, Exchange x, boolean cut) {
        if (x.timedOut() && cut) {
            run.record(new TraceEntry(i, step.type(), Outcome.DEADLINE, null, x.durationMs(),
                    "no answer before the flow's " + deadlineText() + " deadline (the step allows " + step.timeoutSeconds() + " s)"));
        } else if (x.timedOut()) {
            run.record(timedOut(i, step, x));
        } else if (x.failure() != null) {
            run.record(new TraceEntry(i, step.type(), Outcome.ERROR, null, x.durationMs(), x.failureText()));
        } else if (!x.is2xx()) {
            run.record(errorStatus(i, step, x));
        } else if (x.tooLarge()) {
            run.record(new TraceEntry(i, step.type(), Outcome.IGNORED, x.status(), x.durationMs(),
                    "the answer is larger than " + limits.maxAnswerBytes() / 1024 + " KiB"));
        } else {
            RoutingAnswer answer = RoutingAnswer.parse(mapper, x.body());
            if (answer.action() == null) {
                run.record(new TraceEntry(i, step.type(), Outcome.IGNORED, x.status(), x.durationMs(), answer.problem()));
            } else {
                run.act(answer.action());
                run.record(new TraceEntry(i, step.type(), Outcome.ANSWERED, x.status(), x.durationMs(), null));
            }
        }
    }

    private TraceEntry dropped(int i, long start, BusinessSlots slots, BusinessSlots.Taken why) {
        long n = dropped.incrementAndGet();
        boolean business = why == BusinessSlots.Taken.BUSINESS_FULL;
        int bound = business ? slots.perBusiness() : slots.total();
        if (n % 1000 == 1) {
            log.warn("in-call webhook not sent: {} requests of its kind already in flight{} ({} dropped since start)", bound,
                    business ? " for its business" : "", n);
        }
        return new TraceEntry(i, "webhook", Outcome.DROPPED_QUEUE_FULL, null, elapsedMs(start),
                "too many in-call requests in flight" + (business ? " for this business (" + bound + ")" : " (" + bound + ")") + "; not sent");
    }

    private static TraceEntry timedOut(int i, Step.Webhook step, Exchange x) {
        return new TraceEntry(i, step.type(), Outcome.TIMED_OUT, null, x.durationMs(), "no answer within " + step.timeoutSeconds() + " s");
    }

    private static TraceEntry errorStatus(int i, Step.Webhook step, Exchange x) {
        return new TraceEntry(i, step.type(), Outcome.ERROR_STATUS, x.status(), x.durationMs(), "the receiver answered " + x.status());
    }

    private String deadlineText() {
        long ms = limits.flowDeadline().toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    private static long elapsedMs(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
