package dev.hookline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hookline.auth.ApiKeys;
import dev.hookline.calls.CallJson;
import dev.hookline.calls.CallRoutes;
import dev.hookline.calls.CallService;
import dev.hookline.config.HooklineConfig;
import dev.hookline.connectors.AppsScript;
import dev.hookline.connectors.ConnectorCatalog;
import dev.hookline.connectors.ConnectorRoutes;
import dev.hookline.connectors.DestinationCheck;
import dev.hookline.connectors.PluginCatalog;
import dev.hookline.delivery.DeliveryLimits;
import dev.hookline.delivery.DeliveryRoutes;
import dev.hookline.delivery.DeliveryService;
import dev.hookline.delivery.Dispatcher;
import dev.hookline.delivery.Outbox;
import dev.hookline.delivery.RetryPolicy;
import dev.hookline.delivery.Sender;
import dev.hookline.delivery.TestGate;
import dev.hookline.net.HttpClients;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.jetty.client.HttpClient;
import dev.hookline.flows.FlowJson;
import dev.hookline.flows.FlowRoutes;
import dev.hookline.flows.FlowService;
import dev.hookline.flows.FlowValidator;
import dev.hookline.flows.SecretRoutes;
import dev.hookline.flows.SigningKeys;
import dev.hookline.http.Auth;
import dev.hookline.http.Bodies;
import dev.hookline.http.ErrorHandling;
import dev.hookline.incall.InCallModule;
import dev.hookline.keys.AdminRoutes;
import dev.hookline.keys.KeyRoutes;
import dev.hookline.keys.KeyService;
import dev.hookline.net.TargetPolicy;
import dev.hookline.store.Database;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.util.Map;
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
    private Database db;
    private Javalin server;
    private HttpClient deliveryClient;
    private Dispatcher dispatcher;
    private ConnectorCatalog connectors;
    private ApiKeys apiKeys;
    private String defaultBusinessId;
    private InCallModule inCall;

    public App(HooklineConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public App start() {
        ObjectMapper mapper = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        db = Database.open(config.dataDir(), config.fsyncCommits());
        log.info("data directory: {} (store {})", config.dataDir().toAbsolutePath(), db.file().toAbsolutePath());
        apiKeys = new ApiKeys(db, clock);
        defaultBusinessId = apiKeys.bootstrap(config.apiKey());

        connectors = PluginCatalog.load(config.dataDir());
        TargetPolicy targets = new TargetPolicy(config.allowPrivateTargets());
        FlowJson flowJson = new FlowJson(mapper);
        FlowService flows = new FlowService(db, flowJson, clock);
        SigningKeys signingKeys = new SigningKeys(db, flows, clock); // a flow's current secret(s), read at send time
        Outbox outbox = new Outbox(config, flowJson, clock);
        DeliveryLimits limits = DeliveryLimits.defaults();
        deliveryClient = HttpClients.start(targets, limits.perHost(), "hookline-delivery");
        Sender sender = new Sender(deliveryClient, config.postCallTimeout(), targets,
                d -> signingKeys.current(d.businessId(), d.callFlowId(), d.signingSecret()));
        CallService[] callsRef = new CallService[1];
        dispatcher = new Dispatcher(db, new Dispatcher.Parts(sender, connectors, (business, ids) -> callsRef[0].findAll(business, ids),
                flowJson::settingsFromText, new RetryPolicy(config.retryDelays())), clock, limits, UUID.randomUUID().toString());
        CallService calls = new CallService(db, flows, outbox, mapper, clock, dispatcher);
        callsRef[0] = calls;
        dispatcher.start();
        DeliveryRoutes deliveryRoutes = new DeliveryRoutes(
                new DeliveryService(db, outbox, dispatcher, flows, calls, config.postCallTimeout(), clock),
                new TestGate(TestGate.Limits.DEFAULT, config.postCallTimeout()));
        Bodies bodies = new Bodies(mapper, config.maxBodyBytes());
        Auth auth = new Auth(apiKeys);
        FlowRoutes flowRoutes = new FlowRoutes(flows, new FlowValidator(targets, connectors::has), new DestinationCheck(connectors), flowJson, bodies);
        ConnectorRoutes connectorRoutes = new ConnectorRoutes(connectors, flows, new AppsScript(mapper));
        CallRoutes callRoutes = new CallRoutes(calls, new CallJson(mapper), bodies);
        // live flow runs: POST /api/v1/voice/inbound, requests signed with the flow's secret(s)
        inCall = InCallModule.start(db, flows, (business, flow) -> signingKeys.current(business, flow, null), targets, mapper, clock);
        SecretRoutes secretRoutes = new SecretRoutes(signingKeys);
        KeyService keyService = new KeyService(db, apiKeys, clock);
        KeyRoutes keyRoutes = new KeyRoutes(keyService, bodies);
        AdminRoutes adminRoutes = config.adminKey().map(k -> new AdminRoutes(k, keyService, bodies)).orElse(null);

        server = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jsonMapper(new JavalinJackson(mapper, false));
            cfg.http.maxRequestSize = config.maxBodyBytes();
            // Javalin copies each response through a new buffer of this size, by default Jetty's
            // 32 KiB output buffer: 32 KiB of garbage per 201. Our answers are a few hundred bytes.
            cfg.http.responseBufferSize = 4096;
            cfg.http.prefer405over404 = true;
            cfg.jetty.modifyServer(s -> s.setStopTimeout(10_000));
            ErrorHandling.install(cfg);
            cfg.routes.get("/health", ctx -> ctx.json(Map.of("status", "ok")));
            cfg.routes.before("/api/v1/*", auth::check);
            flowRoutes.register(cfg.routes);
            callRoutes.register(cfg.routes);
            deliveryRoutes.register(cfg.routes);
            inCall.register(cfg.routes);
            connectorRoutes.register(cfg.routes);
            keyRoutes.register(cfg.routes);
            secretRoutes.register(cfg.routes);
            if (adminRoutes != null) adminRoutes.register(cfg.routes); // else /api/v1/admin/* is 404
        }).start(config.port());
        log.info("listening on port {}", server.port());
        return this;
    }

    public int port() {
        return server.port();
    }

    /** The delivery worker; tests wake it after moving their clock. */
    public Dispatcher dispatcher() {
        return dispatcher;
    }

    public Database database() {
        return db;
    }

    public ApiKeys apiKeys() {
        return apiKeys;
    }

    public String defaultBusinessId() {
        return defaultBusinessId;
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop();
            server = null;
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
        if (inCall != null) { // after the server (no new runs), before the store (pending trace writes)
            inCall.close();
            inCall = null;
        }
        if (connectors != null) { // after the delivery worker: no attempt uses a connector any more
            connectors.close();
            connectors = null;
        }
        if (apiKeys != null) { // writes when keys were last used
            apiKeys.close();
            apiKeys = null;
        }
        if (db != null) {
            db.close();
            db = null;
        }
    }
}
