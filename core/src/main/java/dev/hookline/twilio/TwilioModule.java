package dev.hookline.twilio;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.calls.CallService;
import dev.hookline.flows.FlowService;
import dev.hookline.http.Bodies;
import dev.hookline.incall.InCallModule;
import dev.hookline.store.TwilioStore;
import io.javalin.config.RoutesConfig;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;

/**
 * The Twilio-compatible voice front door, assembled: the signed {@code /twilio/*} routes (TwiML
 * answers from the in-call engine, status and recording callbacks into the call records) and the
 * auth-token setting under {@code /api/v1}. Holds nothing to close. Thread-safe.
 */
public final class TwilioModule {
    private final TwilioRoutes routes;
    private final TwilioSettingsRoutes settings;

    /** {@code publicUrl}: {@code HOOKLINE_PUBLIC_URL}, the URL Twilio calls and signs. */
    public TwilioModule(TwilioStore store, FlowService flows, CallService calls, InCallModule inCall, Optional<URI> publicUrl, Bodies bodies,
                        Clock clock) {
        TwilioTokens tokens = new TwilioTokens(store, flows, clock);
        this.routes = new TwilioRoutes(new TwilioGate(publicUrl), tokens, flows, calls, inCall, store, bodies.mapper());
        this.settings = new TwilioSettingsRoutes(tokens, bodies);
    }

    public void register(RoutesConfig r) {
        routes.register(r);
        settings.register(r);
    }
}
