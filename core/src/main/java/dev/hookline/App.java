package dev.hookline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hookline.api.OpenApiRoute;
import dev.hookline.auth.ApiKeys;
import dev.hookline.calls.CallJson;
import dev.hookline.calls.CallRoutes;
import dev.hookline.calls.CallService;
import dev.hookline.config.EffectiveSettings;
import dev.hookline.config.HooklineConfig;
import dev.hookline.connectors.AppsScript;
import dev.hookline.connectors.ConnectorCatalog;
import dev.hookline.connectors.ConnectorRoutes;
import dev.hookline.connectors.DestinationCheck;
import dev.hookline.connectors.PluginCatalog;
import dev.hookline.connectors.PluginHubSettings;
import dev.hookline.delivery.ClaimLeases;
import dev.hookline.delivery.DeliveryLimits;
import dev.hookline.delivery.DeliveryRoutes;
import dev.hookline.delivery.DeliveryService;
import dev.hookline.delivery.DirectSender;
import dev.hookline.delivery.Dispatcher;
import dev.hookline.delivery.Outbox;
import dev.hookline.delivery.Redeliveries;
import dev.hookline.delivery.RetryPolicy;
import dev.hookline.delivery.Sender;
import dev.hookline.flows.FlowJson;
import dev.hookline.flows.FlowRoutes;
import dev.hookline.flows.FlowSaves;
import dev.hookline.flows.FlowService;
import dev.hookline.flows.FlowValidator;
import dev.hookline.flows.SecretRoutes;
import dev.hookline.flows.SecretSettings;
import dev.hookline.flows.SigningKeys;
import dev.hookline.http.Auth;
import dev.hookline.http.Bodies;
import dev.hookline.http.DirectRoute;
import dev.hookline.http.ErrorHandling;
import dev.hookline.http.JettyDefaults;
import dev.hookline.http.ServerThreads;
import dev.hookline.incall.InCallModule;
import dev.hookline.keys.AdminRoutes;
import dev.hookline.keys.KeyRoutes;
import dev.hookline.keys.KeyService;
import dev.hookline.metrics.Metrics;
import dev.hookline.net.HttpClients;
import dev.hookline.net.TargetPolicy;
import dev.hookline.plugins.Connector;
import dev.hookline.retention.Retention;
import dev.hookline.store.Codec;
import dev.hookline.store.Store;
import dev.hookline.store.postgres.PostgresStore;
import dev.hookline.store.sqlite.SqliteStore;
import dev.hookline.twilio.TwilioModule;
import dev.hookline.web.WebModule;
import io.javalin.Javalin;
import io.javalin.http.ContentType;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.client.HttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running hub: store, services and HTTP server wired together. {@link #start} opens the store
 * and the port; {@link #close} stops taking requests, lets in-flight ones finish, and closes the
 * store. Tests build one per test on a temp data dir and port 0.
 */
public final class App implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(App.class);

    private final HooklineConfig config;
    private final Clock clock;
    private Store store;
    private ApiKeys apiKeys;
    private String defaultBusinessId;
    private ConnectorCatalog connectors;
    private HttpClient deliveryClient;
    private Dispatcher dispatcher;
    private InCallModule inCall;
    private Retention retention;
    private Metrics metrics;
    private WebModule web;
    private Javalin server;
    private CompletableFuture<Early> early; // until start() takes what the start-up thread made

    /** What start-up makes on a second thread while the main one opens the store. */
    private record Early(ConnectorCatalog connectors, HttpClient deliveryClient) {}

    public App(HooklineConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public App start() {
        JettyDefaults.apply();
        log.info(EffectiveSettings.describe(config));
        TargetPolicy targets = new TargetPolicy(config.allowPrivateTargets());
        DeliveryLimits limits = DeliveryLimits.defaults();
        // independent of the store: plugin jars and the delivery client load while it opens
        early = Aside.run("hookline-start", () -> new Early(PluginCatalog.load(config.dataDir()),
                HttpClients.start(targets, limits.perHost(), "hookline-delivery")));
        ObjectMapper mapper = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        Codec codec = new Codec(mapper);
        metrics = Metrics.create();
        Duration lease = ClaimLeases.leaseFor(config.postCallTimeout());
        store = config.databaseUrl().isPresent()
                ? PostgresStore.open(config.databaseUrl().get(), codec, clock, lease, metrics.store())
                : SqliteStore.open(config.dataDir(), config.fsyncCommits(), codec, metrics.store());
        log.info("data directory: {} (store {})", config.dataDir().toAbsolutePath(), store.description());
        apiKeys = new ApiKeys(store.keys(), clock);
        defaultBusinessId = apiKeys.bootstrap(config.apiKey());
        Early made = Aside.join(early);
        early = null;
        connectors = made.connectors();
        deliveryClient = made.deliveryClient();

        // post-call delivery: flows, the outbox, the worker, and the services that use them
        FlowService flows = new FlowService(store.flows(), clock);
        store.onFlowsChangedElsewhere(flows::forgetCached);
        SigningKeys signingKeys = new SigningKeys(store.flows(), flows, clock); // a flow's current secret(s), read at send time
        Outbox outbox = new Outbox(config, codec, clock);
        Sender sender = new Sender(deliveryClient, config.postCallTimeout(), targets,
                d -> signingKeys.current(d.businessId(), d.callFlowId(), d.endpoint().signingSecret()));
        DirectSender direct = new DirectSender(deliveryClient, targets, config.postCallTimeout(), PluginHubSettings.from(config), clock);
        dispatcher = new Dispatcher(store, new Dispatcher.Parts(sender, direct, connectors, codec, new RetryPolicy(config.retryDelays())), clock,
                limits, UUID.randomUUID().toString(), lease, metrics.deliveries());
        dispatcher.start();
        CallService calls = new CallService(store.calls(), flows, outbox, clock, dispatcher);
        DeliveryService deliveries = new DeliveryService(store, outbox, dispatcher, flows, config.postCallTimeout(), clock);
        // live flow runs: POST /api/v1/voice/inbound, requests signed with the flow's secret(s)
        inCall = InCallModule.start(store.traces(), flows, (business, flow) -> signingKeys.current(business, flow, null), targets, mapper, clock,
                metrics.inCall());
        retention = new Retention(store.retention(), config.retention(), clock, metrics.retention()); // HOOKLINE_RETENTION, in the background
        retention.start();
        Gauges.register(metrics, store, dispatcher, clock);

        // the HTTP API
        Bodies bodies = new Bodies(mapper, config.maxBodyBytes());
        Auth auth = new Auth(apiKeys);
        SecretSettings secrets = new SecretSettings(id -> connectors.find(id).map(Connector::secretSettings).orElse(Set.of()));
        FlowValidator validator = new FlowValidator(targets, connectors::has);
        DestinationCheck destinations = new DestinationCheck(connectors);
        AppsScript appsScript = new AppsScript(mapper);
        FlowSaves saves = new FlowSaves(flows, validator, destinations, secrets);
        FlowJson flowJson = new FlowJson(secrets);
        FlowRoutes flowRoutes = new FlowRoutes(flows, saves, bodies, flowJson);
        CallRoutes callRoutes = new CallRoutes(calls, new CallJson(mapper), bodies);
        Redeliveries redeliveries = new Redeliveries(store.deliveries(), flows, outbox, dispatcher);
        DeliveryRoutes deliveryRoutes = new DeliveryRoutes(deliveries, redeliveries, bodies);
        ConnectorRoutes connectorRoutes = new ConnectorRoutes(connectors, flows::get, appsScript);
        OpenApiRoute openApi = new OpenApiRoute(mapper);
        TwilioModule twilio = new TwilioModule(store.twilio(), flows, calls, inCall, config.publicUrl(), bodies, clock); // TwiML: /twilio/*
        SecretRoutes secretRoutes = new SecretRoutes(signingKeys);
        KeyService keyService = new KeyService(store.keys(), apiKeys, clock);
        web = new WebModule(new WebModule.Services(store.insights(), apiKeys, flows, saves, flowJson, deliveries, redeliveries, calls, connectors,
                appsScript, mapper, keyService, signingKeys), config, clock); // the dashboard at /
        KeyRoutes keyRoutes = new KeyRoutes(keyService, bodies);
        AdminRoutes adminRoutes = config.adminKey().map(k -> new AdminRoutes(k, keyService, bodies)).orElse(null);
        server = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jsonMapper(new JavalinJackson(mapper, false));
            cfg.http.maxRequestSize = config.maxBodyBytes();
            cfg.http.responseBufferSize = 4096; // answers are a few hundred bytes; Javalin copies each through a buffer this size
            cfg.http.prefer405over404 = true;
            cfg.jetty.threadPool = ServerThreads.pool();
            // with no compliance listener either way, this spares Jetty a wrapper around none per request
            cfg.jetty.modifyHttpConfiguration(h -> h.setNotifyForbiddenComplianceViolations(true));
            // POST /api/v1/calls on Jetty's handler API; Javalin's servlet goes inside it for everything else
            DirectRoute intake = new DirectRoute("POST", "/api/v1/calls", auth, bodies, metrics.http(), callRoutes::report);
            cfg.jetty.modifyServer(s -> {
                s.setStopTimeout(10_000);
                s.setHandler(intake);
            });
            ErrorHandling.install(cfg);
            metrics.http().install(cfg);
            cfg.routes.get("/health", ctx -> {
                boolean ok = store.healthy();
                // written out: the first request (a start-up probe) no longer builds a Jackson serializer
                ctx.status(ok ? 200 : 503).contentType(ContentType.APPLICATION_JSON)
                        .result(ok ? "{\"status\":\"ok\"}" : "{\"status\":\"store_unavailable\"}");
            });
            metrics.register(cfg.routes); // GET /metrics, no key
            cfg.routes.before("/api/v1/*", ctx -> {
                if (!OpenApiRoute.PATH.equals(ctx.path())) auth.check(ctx); // the API's description needs no key
            });
            openApi.register(cfg.routes);
            flowRoutes.register(cfg.routes);
            callRoutes.register(cfg.routes);
            deliveryRoutes.register(cfg.routes);
            inCall.register(cfg.routes);
            twilio.register(cfg.routes);
            connectorRoutes.register(cfg.routes);
            keyRoutes.register(cfg.routes);
            secretRoutes.register(cfg.routes);
            if (adminRoutes != null) adminRoutes.register(cfg.routes); // else /api/v1/admin/* is 404
            web.register(cfg.routes);
        }).start(config.port());
        log.info("listening on port {}", server.port());
        return this;
    }

    public int port() {
        return server.port();
    }

    /** Every HTTP route the server answers, as {@code "GET /api/v1/calls/{id}"} (before/after filters left out). */
    public List<String> routes() {
        return server.unsafe.internalRouter.allHttpHandlers().stream()
                .filter(e -> e.endpoint.method.isHttpMethod())
                .map(e -> e.endpoint.method.name() + " " + e.endpoint.path)
                .toList();
    }

    /** The delivery worker; tests wake it after moving their clock. */
    public Dispatcher dispatcher() {
        return dispatcher;
    }

    public Store store() {
        return store;
    }

    /** The retention pruner; tests run a pass after moving their clock. */
    public Retention retention() {
        return retention;
    }

    /** The dashboard (tests reach its sessions). */
    public WebModule web() {
        return web;
    }

    public ApiKeys apiKeys() {
        return apiKeys;
    }

    public String defaultBusinessId() {
        return defaultBusinessId;
    }

    /** Stops in dependency order: no new requests, then no new attempts, then the store last. */
    @Override
    public void close() {
        if (early != null) { // start() failed before taking them
            Early made = Aside.quietly(early);
            early = null;
            if (made != null) {
                connectors = made.connectors();
                deliveryClient = made.deliveryClient();
            }
        }
        if (server != null) {
            server.stop();
            server = null;
        }
        if (retention != null) { // stops after its current batch
            retention.close();
            retention = null;
        }
        if (dispatcher != null) {
            Duration grace = config.postCallTimeout().plusSeconds(1);
            dispatcher.stop(grace.compareTo(Duration.ofSeconds(15)) > 0 ? Duration.ofSeconds(15) : grace);
            dispatcher = null;
        }
        if (deliveryClient != null) {
            HttpClients.stop(deliveryClient);
            deliveryClient = null;
        }
        if (inCall != null) { // before the store: its queued trace writes
            inCall.close();
            inCall = null;
        }
        if (connectors != null) {
            connectors.close();
            connectors = null;
        }
        if (apiKeys != null) { // writes when keys were last used
            apiKeys.close();
            apiKeys = null;
        }
        if (store != null) {
            store.close();
            store = null;
        }
        if (metrics != null) {
            metrics.close();
            metrics = null;
        }
    }
}
