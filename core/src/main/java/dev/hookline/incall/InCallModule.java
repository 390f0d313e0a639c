package dev.hookline.incall;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.model.CallFlow;
import dev.hookline.flows.FlowService;
import dev.hookline.metrics.InCallMetrics;
import dev.hookline.net.HttpClients;
import dev.hookline.net.TargetPolicy;
import dev.hookline.store.TraceStore;
import io.javalin.config.RoutesConfig;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.client.HttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In-call flow execution, assembled: its own outgoing HTTP client (separate from post-call
 * delivery, so one cannot starve the other), a small worker pool that continues runs after a
 * wait, the trace writer, the engine and the route; {@link #run} lets other front doors (TwiML)
 * run flows on the same engine. {@link #close} stops the client (open
 * requests end as errors in their traces), lets the workers finish and writes the queued traces;
 * call it before the store closes. Thread-safe.
 */
public final class InCallModule implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(InCallModule.class);
    private static final int MAX_CONNECTIONS_PER_HOST = 64;
    private static final int WORKERS = 4;
    private static final int TEMPLATES_CACHED = 1024;

    private final HttpClient client;
    private final ExecutorService worker;
    private final TraceKeeper traces;
    private final InCallEngine engine;
    private final InCallRoutes routes;

    private InCallModule(HttpClient client, ExecutorService worker, TraceKeeper traces, InCallEngine engine, InCallRoutes routes) {
        this.client = client;
        this.worker = worker;
        this.traces = traces;
        this.engine = engine;
        this.routes = routes;
    }

    /**
     * Starts the module; {@code secrets} gives the secrets a flow's requests are signed with
     * (current first), {@code metrics} times each answer.
     */
    public static InCallModule start(TraceStore store, FlowService flows, BiFunction<String, String, List<String>> secrets, TargetPolicy targets,
                                     ObjectMapper mapper, Clock clock, InCallMetrics metrics) {
        HttpClient client = HttpClients.start(targets, MAX_CONNECTIONS_PER_HOST, "hookline-incall-http");
        ExecutorService worker = workers();
        TraceKeeper traces = new TraceKeeper(store, mapper, clock);
        InCallEngine engine = new InCallEngine(new WebhookSender(client), new InCallRequestBuilder(new TemplateCache(TEMPLATES_CACHED)),
                new InCallSigner(secrets::apply, clock), traces, mapper, worker, InCallEngine.Limits.DEFAULT, clock);
        return new InCallModule(client, worker, traces, engine, new InCallRoutes(engine, flows, mapper, metrics));
    }

    /**
     * Runs {@code flow} for a live call exactly as {@code voice/inbound} does (same engine, same
     * deadline, same trace stored with the call under {@code callSid}); completes with the actions
     * for the telephony side, the last one a forward or a hangup.
     */
    public CompletableFuture<List<Action>> run(String businessId, String callSid, String from, String to, CallFlow flow) {
        return engine.run(new LiveCall(businessId, callSid, from, to), new LiveFlow(flow.id(), flow.steps())).thenApply(InCallResult::actions);
    }

    public void register(RoutesConfig r) {
        routes.register(r);
    }

    private static ExecutorService workers() {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(WORKERS, WORKERS, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "hookline-incall-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void close() {
        HttpClients.stop(client);
        worker.shutdown();
        try {
            if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("in-call workers still busy after 5 s; stopping them");
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.shutdownNow();
        }
        traces.close();
    }
}
