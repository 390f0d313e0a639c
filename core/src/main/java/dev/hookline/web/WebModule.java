package dev.hookline.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.auth.ApiKeys;
import dev.hookline.calls.CallService;
import dev.hookline.config.HooklineConfig;
import dev.hookline.connectors.AppsScript;
import dev.hookline.connectors.ConnectorCatalog;
import dev.hookline.delivery.DeliveryService;
import dev.hookline.delivery.Redeliveries;
import dev.hookline.flows.FlowService;
import dev.hookline.flows.FlowJson;
import dev.hookline.flows.FlowSaves;
import dev.hookline.flows.SigningKeys;
import dev.hookline.keys.KeyService;
import dev.hookline.store.InsightStore;
import io.javalin.config.RoutesConfig;
import java.time.Clock;

/**
 * The dashboard, served at {@code /} beside the API: sign-in, health, call flows, deliveries,
 * calls, the Sheets script and API keys. Its pages call the API's own services. {@link #register} adds
 * every route; the API's paths ({@code /api/...}, {@code /health}) are left alone.
 */
public final class WebModule {
    /** The API's services the pages use. */
    public record Services(InsightStore insights, ApiKeys apiKeys, FlowService flows, FlowSaves saves, FlowJson flowJson,
                           DeliveryService deliveries, Redeliveries redeliveries, CallService calls, ConnectorCatalog connectors, AppsScript appsScript,
                           ObjectMapper mapper, KeyService keys, SigningKeys signingKeys) {}

    private final Sessions sessions;
    private final SignInPages signIn;
    private final OverviewPage overview;
    private final FlowPages flows;
    private final SheetsPage sheets;
    private final DeliveryPages deliveries;
    private final CallPages calls;
    private final KeyPages keys;
    private final SecretRotationPage rotation;
    private final Guard guard;
    private final Views views = new Views();

    public WebModule(Services s, HooklineConfig config, Clock clock) {
        Insights insights = new Insights(s.insights(), clock, config.retention());
        sessions = new Sessions(clock);
        guard = new Guard(sessions, s.apiKeys(), views, insights::businessName);
        boolean secure = config.publicUrl().map(u -> "https".equalsIgnoreCase(u.getScheme())).orElse(false);
        signIn = new SignInPages(guard, sessions, s.apiKeys(), views, secure);
        overview = new OverviewPage(guard, s.flows(), insights);
        flows = new FlowPages(guard, new FlowPages.Parts(s.flows(), s.saves(), s.flowJson(), s.deliveries(), s.connectors(), insights,
                s.mapper(), config.aiWaitTimeout()));
        sheets = new SheetsPage(guard, s.flows(), s.appsScript());
        deliveries = new DeliveryPages(guard, s.deliveries(), s.redeliveries(), s.flows());
        calls = new CallPages(guard, s.calls(), s.deliveries(), s.flows(), insights, s.mapper());
        keys = new KeyPages(guard, s.keys());
        rotation = new SecretRotationPage(guard, s.signingKeys());
    }

    public void register(RoutesConfig r) {
        StaticAssets.register(r);
        signIn.register(r);
        overview.register(r);
        flows.register(r);
        sheets.register(r);
        deliveries.register(r);
        calls.register(r);
        keys.register(r);
        rotation.register(r);
        // a browser asking for a page that does not exist gets a page, not the API's JSON error
        r.error(404, "html", ctx -> {
            String path = ctx.path();
            String type = ctx.res().getContentType();
            if (type != null && type.startsWith("text/html")) return; // a page that rendered its own 404
            if (!path.startsWith("/api/") && !path.equals("/health") && !path.startsWith("/twilio/") && !path.equals("/metrics")) {
                Guard.headers(ctx);
                guard.error(ctx, guard.current(ctx).orElse(null), 404, "Not found", "There is no page at " + path + ".");
            }
        });
    }

    /** The live sessions (tests check that sign-out and revocation end them). */
    public Sessions sessions() {
        return sessions;
    }
}
