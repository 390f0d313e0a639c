package dev.hookline.twilio;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.calls.CallService;
import dev.hookline.model.CallFlow;
import dev.hookline.flows.FlowService;
import dev.hookline.http.ApiException;
import dev.hookline.incall.InCallModule;
import dev.hookline.store.TwilioStore;
import dev.hookline.store.Writes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Twilio front door, outside {@code /api/v1} (no bearer key; every request signed by Twilio):
 * {@code POST /twilio/voice} runs the flow of {@code To} and answers TwiML; {@code /twilio/dial}
 * (the {@code <Dial action>}) records how the forwarded leg ended; {@code /twilio/status} records
 * the ended call and fires its post-call webhook; {@code /twilio/recording} adds a recording to a
 * call. The business is the one that has {@code To} (for recordings: any with a token) and whose
 * auth token verifies the signature. Thread-safe.
 */
final class TwilioRoutes {
    private static final Logger log = LoggerFactory.getLogger(TwilioRoutes.class);
    private static final Pattern DIAL_STATUS = Pattern.compile("[a-z-]{1,32}");

    private final TwilioGate gate;
    private final TwilioTokens tokens;
    private final FlowService flows;
    private final CallService calls;
    private final InCallModule inCall;
    private final TwilioStore store;
    private final ObjectMapper mapper;

    TwilioRoutes(TwilioGate gate, TwilioTokens tokens, FlowService flows, CallService calls, InCallModule inCall, TwilioStore store, ObjectMapper mapper) {
        this.gate = gate;
        this.tokens = tokens;
        this.flows = flows;
        this.calls = calls;
        this.inCall = inCall;
        this.store = store;
        this.mapper = mapper;
    }

    void register(RoutesConfig r) {
        r.post("/twilio/voice", this::voice);
        r.post("/twilio/dial", this::dial);
        r.post("/twilio/status", this::status);
        r.post("/twilio/recording", this::recording);
    }

    /** A call comes in: the flow of {@code To} runs on the in-call engine; the server thread is not held while it waits. */
    private void voice(Context ctx) {
        TwilioForm form = TwilioForm.read(ctx);
        String to = form.number("To");
        String business = businessOfNumber(ctx, form, to);
        String from = form.number("From");
        String callSid = form.callSid();
        CallFlow flow = flows.forCall(business, null, to).orElseThrow(() -> noFlow(to));
        String dial = gate.base(ctx) + "/twilio/dial?destination=";
        ctx.future(() -> inCall.run(business, callSid, from, to, flow)
                .thenAccept(actions -> twiml(ctx, TwiML.answer(actions, d -> dial + URLEncoder.encode(d, StandardCharsets.UTF_8)))));
    }

    /**
     * The forwarded leg ended: its {@code DialCallStatus} and {@code DialCallDuration} join the
     * call's trace as a {@code dial} entry, the number it went to becomes {@code destination_number}.
     * Then the call hangs up.
     */
    private void dial(Context ctx) {
        TwilioForm form = TwilioForm.read(ctx);
        String business = businessOfNumber(ctx, form, form.number("To"));
        String callSid = form.callSid();
        String outcome = form.optional("DialCallStatus");
        if (outcome != null && !DIAL_STATUS.matcher(outcome).matches()) {
            throw ApiException.invalid("DialCallStatus", "DialCallStatus must be a Twilio call status such as completed or no-answer");
        }
        Long seconds = form.seconds("DialCallDuration");
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("step", null);
        entry.put("type", "dial");
        entry.put("outcome", outcome == null ? "unknown" : outcome);
        entry.put("status_code", null);
        entry.put("duration_ms", seconds == null ? null : seconds * 1000);
        entry.put("error", null);
        String json = write(entry);
        boolean appended = store.appendTraceEntry(business, callSid, json);
        String destination = ctx.queryParam("destination"); // part of the URL we gave Twilio, so signed
        if (destination != null && !destination.isBlank() && destination.length() <= 128) {
            calls.addDetails(business, callSid, Map.of("destination_number", destination));
        }
        if (!appended) log.debug("dial outcome of unknown call {} not recorded", callSid);
        twiml(ctx, TwiML.hangup());
    }

    /** Twilio's status callback: a final status records the ended call (once per CallSid) and queues its delivery. */
    private void status(Context ctx) {
        TwilioForm form = TwilioForm.read(ctx);
        String to = form.number("To");
        String business = businessOfNumber(ctx, form, to);
        String callSid = form.callSid();
        String status = StatusCallback.statusOf(form.required("CallStatus"));
        if (status != null) {
            Writes.await(calls.ingest(business, StatusCallback.report(form, callSid, status))); // idempotent on CallSid: a repeat fires nothing
        }
        ctx.status(204);
    }

    /**
     * A recording is ready: it fills {@code recording_url} and {@code recording_duration} of a call
     * already known, without a new delivery (one not sent yet carries it).
     */
    private void recording(Context ctx) {
        TwilioForm form = TwilioForm.read(ctx);
        List<TwilioStore.Candidate> candidates = tokens.withToken(); // the callback names the call, not the number
        if (candidates.isEmpty()) throw new ApiException(403, "forbidden", "no business has set a Twilio auth token: PUT /api/v1/settings/twilio", null);
        String business = gate.verify(ctx, form, candidates);
        String callSid = form.callSid();
        String state = form.optional("RecordingStatus");
        if (state == null || state.equals("completed")) {
            Map<String, Object> details = StatusCallback.recording(form, true);
            calls.addDetails(business, callSid, details)
                    .orElseThrow(() -> new ApiException(404, "not_found", "call " + callSid + " not found", "CallSid"));
        }
        ctx.status(204);
    }

    /** The business of a request about {@code to}: 404 when no business has that number, else as {@link TwilioGate#verify}. */
    private String businessOfNumber(Context ctx, TwilioForm form, String to) {
        List<TwilioStore.Candidate> candidates = tokens.forNumber(to);
        if (candidates.isEmpty()) throw noFlow(to);
        return gate.verify(ctx, form, candidates);
    }

    private static ApiException noFlow(String to) {
        return new ApiException(404, "not_found", "no call flow has tracking number " + to, "To");
    }

    private static void twiml(Context ctx, String xml) {
        ctx.contentType(TwiML.CONTENT_TYPE).result(xml);
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
