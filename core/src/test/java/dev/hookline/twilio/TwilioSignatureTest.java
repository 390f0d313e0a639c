package dev.hookline.twilio;

import static dev.hookline.twilio.TwilioPhone.TOKEN;
import static dev.hookline.twilio.TwilioPhone.verbs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.testing.Receiver;
import dev.hookline.testing.TestHub;
import dev.hookline.testing.TestHub.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Twilio request is verified: X-Twilio-Signature computed here independently, over the URL
 * the hub is reached at or HOOKLINE_PUBLIC_URL, with query strings and ports; anything else is a
 * 403 after which nothing ran and nothing was stored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwilioSignatureTest {
    static final String NUMBER = "+15735550100";
    static final String OTHER_TOKEN = "fedcba9876543210fedcba9876543210";

    TestHub hub;
    TwilioPhone phone;
    Receiver receiver;

    @BeforeAll
    void start(@TempDir Path dir) {
        hub = TestHub.start(dir);
        phone = new TwilioPhone(hub);
        receiver = Receiver.start();
        TwilioPhone.setToken(hub, TOKEN);
        // the flow tells a server about every call it runs, so a run that should not happen would show
        Reply r = hub.post("/api/v1/call-flows", "{\"name\": \"signed\", \"tracking_numbers\": [\"" + NUMBER + "\"], "
                + "\"post_call_webhook\": {\"enabled\": true, \"url\": \"" + receiver.url("/post-call") + "\", \"firing_mode\": \"immediate\"}, "
                + "\"steps\": [{\"type\": \"webhook\", \"url\": \"" + receiver.url("/live") + "\"}, {\"type\": \"say\", \"message\": \"Signed\"}]}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    @AfterAll
    void stop() {
        receiver.close();
        hub.close();
    }

    @Test
    void theSignatureOfThisTestIsTwiliosPublishedExample() {
        Map<String, String> params = Map.of("CallSid", "CA1234567890ABCDE", "Caller", "+12349013030", "Digits", "1234", "From", "+12349013030",
                "To", "+18005551212");
        String url = "https://mycompany.com/myapp.php?foo=1&bar=2";
        assertThat(TwilioPhone.sign("12345", url, params)).isEqualTo("0/KCTR6DLpKmkAf8muzZqo1nDgQ=");

        TreeMap<String, List<String>> form = new TreeMap<>();
        params.forEach((k, v) -> form.put(k, List.of(v)));
        assertThat(TwilioSignature.matches("12345", url, form, "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")).isTrue();
        form.put("Digits", List.of("1235"));
        assertThat(TwilioSignature.matches("12345", url, form, "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")).isFalse();
    }

    @Test
    void aUrlIsAcceptedSignedWithOrWithoutItsPort() {
        TreeMap<String, List<String>> form = new TreeMap<>(Map.of("CallSid", List.of("CA1"), "To", List.of(NUMBER)));
        Map<String, String> flat = Map.of("CallSid", "CA1", "To", NUMBER);
        String plain = "https://hooks.example.com/twilio/voice?x=1";
        String withPort = "https://hooks.example.com:443/twilio/voice?x=1";
        assertThat(TwilioSignature.matches(TOKEN, plain, form, TwilioPhone.sign(TOKEN, withPort, flat))).isTrue();
        assertThat(TwilioSignature.matches(TOKEN, withPort, form, TwilioPhone.sign(TOKEN, plain, flat))).isTrue();
        String custom = "https://hooks.example.com:8443/twilio/voice?x=1";
        assertThat(TwilioSignature.matches(TOKEN, custom, form, TwilioPhone.sign(TOKEN, custom, flat))).isTrue();
        assertThat(TwilioSignature.matches(TOKEN, custom, form, TwilioPhone.sign(TOKEN, withPort, flat))).as("another port").isFalse();
    }

    @Test
    void aRequestSignedOverTheUrlItCameInOnRuns() {
        assertThat(verbs(phone.voice(NUMBER, "CA-ok"))).containsExactly("Say:Signed", "Hangup");
        Map<String, String> params = TwilioPhone.incoming(NUMBER, "CA-query");
        String path = "/twilio/voice?tenant=acme&note=a%20b";
        assertThat(verbs(phone.post(path, params, TOKEN))).containsExactly("Say:Signed", "Hangup");
        assertThat(phone.postSigned(path, params, TwilioPhone.sign(TOKEN, hub.base() + "/twilio/voice", params)).status())
                .as("the query is part of what is signed").isEqualTo(403);
    }

    @Test
    void aWrongTokenAChangedParameterOrAMissingHeaderIs403AndNothingRunsOrIsStored() {
        Map<String, String> params = TwilioPhone.incoming(NUMBER, "CA-forged");
        String good = TwilioPhone.sign(TOKEN, hub.base() + "/twilio/voice", params);
        Map<String, String> changed = new LinkedHashMap<>(params);
        changed.put("From", "+19995550000");

        List<Reply> refused = List.of(
                phone.post("/twilio/voice", params, OTHER_TOKEN),
                phone.postSigned("/twilio/voice", changed, good),
                phone.postSigned("/twilio/voice", params, null),
                phone.postSigned("/twilio/voice", params, ""),
                phone.postSigned("/twilio/voice", params, TwilioPhone.sign(TOKEN, hub.base() + "/twilio/status", params)),
                phone.postSigned("/twilio/voice", params, good.substring(1)));
        for (Reply r : refused) {
            assertThat(r.status()).as(r.body()).isEqualTo(403);
            assertThat(r.error("code")).isEqualTo("forbidden");
        }
        assertThat(refused.get(2).error("message")).contains("X-Twilio-Signature");

        Map<String, String> status = TwilioPhone.incoming(NUMBER, "CA-forged");
        status.put("CallStatus", "completed");
        assertThat(phone.post("/twilio/status", status, OTHER_TOKEN).status()).isEqualTo(403);
        Map<String, String> recording = Map.of("CallSid", "CA-forged", "RecordingUrl", "https://api.twilio.com/rec/RE1", "RecordingStatus", "completed");
        assertThat(phone.post("/twilio/recording", recording, OTHER_TOKEN).status()).isEqualTo(403);
        Map<String, String> dial = new LinkedHashMap<>(status);
        dial.put("DialCallStatus", "completed");
        assertThat(phone.post("/twilio/dial?destination=%2B13055554567", dial, OTHER_TOKEN).status()).isEqualTo(403);

        assertNothingStored("CA-forged");
    }

    @Test
    void anUnknownNumberIs404AndANumberWhoseBusinessHasNoTokenIs403() {
        Reply unknown = phone.voice("+19995550199", "CA-unknown");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(unknown.error("field")).isEqualTo("To");

        String[] other = hub.app().apiKeys().createBusiness("No token yet");
        TestHub asOther = hub.as(other[1]);
        assertThat(asOther.post("/api/v1/call-flows", "{\"name\": \"x\", \"tracking_numbers\": [\"+15735550101\"]}").status()).isEqualTo(201);
        Reply noToken = phone.voice("+15735550101", "CA-no-token");
        assertThat(noToken.status()).isEqualTo(403);
        assertThat(noToken.error("message")).contains("/api/v1/settings/twilio");
        assertNothingStored("CA-unknown");
        assertThat(asOther.get("/api/v1/calls/CA-no-token").status()).isEqualTo(404);
    }

    @Test
    void aNumberInSeveralBusinessesRunsTheFlowOfTheOneWhoseTokenSigned() {
        String shared = "+15735550102";
        assertThat(hub.post("/api/v1/call-flows", "{\"name\": \"ours\", \"tracking_numbers\": [\"" + shared + "\"], "
                + "\"steps\": [{\"type\": \"say\", \"message\": \"First business\"}]}").status()).isEqualTo(201);
        String[] second = hub.app().apiKeys().createBusiness("Second");
        TestHub asSecond = hub.as(second[1]);
        TwilioPhone.setToken(asSecond, OTHER_TOKEN);
        assertThat(asSecond.post("/api/v1/call-flows", "{\"name\": \"theirs\", \"tracking_numbers\": [\"" + shared + "\"], "
                + "\"steps\": [{\"type\": \"say\", \"message\": \"Second business\"}]}").status()).isEqualTo(201);

        assertThat(verbs(phone.post("/twilio/voice", TwilioPhone.incoming(shared, "CA-shared-2"), OTHER_TOKEN)))
                .containsExactly("Say:Second business", "Hangup");
        assertThat(verbs(phone.post("/twilio/voice", TwilioPhone.incoming(shared, "CA-shared-1"), TOKEN)))
                .containsExactly("Say:First business", "Hangup");
        awaitCall(asSecond, "CA-shared-2");
        assertThat(hub.get("/api/v1/calls/CA-shared-2").status()).as("stored with the business that signed").isEqualTo(404);
    }

    @Test
    void aNewTokenOrAChangedNumberTakesEffectAtOnce() {
        String[] business = hub.app().apiKeys().createBusiness("Changing");
        TestHub as = hub.as(business[1]);
        String number = "+15735550103";
        TwilioPhone.setToken(as, OTHER_TOKEN);
        assertThat(phone.post("/twilio/voice", TwilioPhone.incoming(number, "CA-change-1"), OTHER_TOKEN).status())
                .as("no flow has the number yet").isEqualTo(404);
        Reply created = as.post("/api/v1/call-flows", "{\"name\": \"c\", \"tracking_numbers\": [\"" + number + "\"]}");
        String flowId = created.json().get("id").asText();
        assertThat(verbs(phone.post("/twilio/voice", TwilioPhone.incoming(number, "CA-change-2"), OTHER_TOKEN))).containsExactly("Hangup");

        String newer = "99999999999999999999999999999999";
        TwilioPhone.setToken(as, newer);
        assertThat(phone.post("/twilio/voice", TwilioPhone.incoming(number, "CA-change-3"), OTHER_TOKEN).status()).isEqualTo(403);
        assertThat(verbs(phone.post("/twilio/voice", TwilioPhone.incoming(number, "CA-change-4"), newer))).containsExactly("Hangup");

        assertThat(as.put("/api/v1/call-flows/" + flowId, "{\"name\": \"c\", \"tracking_numbers\": [\"+15735550104\"]}").status()).isEqualTo(200);
        assertThat(phone.post("/twilio/voice", TwilioPhone.incoming(number, "CA-change-5"), newer).status()).isEqualTo(404);
        assertThat(as.delete("/api/v1/settings/twilio").status()).isEqualTo(204);
        assertThat(phone.post("/twilio/voice", TwilioPhone.incoming("+15735550104", "CA-change-6"), newer).status()).isEqualTo(403);
    }

    @Test
    void behindAProxyTheSignatureIsOverThePublicUrlWithItsPathPortAndQuery(@TempDir Path dir) throws Exception {
        String publicUrl = "https://hooks.example.com:8443/hookline/";
        try (TestHub proxied = TestHub.start(Files.createDirectories(dir.resolve("proxied")), Clock.systemUTC(),
                c -> c.with("HOOKLINE_PUBLIC_URL", publicUrl))) {
            TwilioPhone.setToken(proxied, TOKEN);
            assertThat(proxied.post("/api/v1/call-flows", "{\"name\": \"p\", \"tracking_numbers\": [\"" + NUMBER + "\"], "
                    + "\"steps\": [{\"type\": \"forward\", \"destination\": \"+13055554567\"}]}").status()).isEqualTo(201);
            TwilioPhone asTwilio = new TwilioPhone(proxied);
            Map<String, String> params = TwilioPhone.incoming(NUMBER, "CA-proxied");
            String path = "/twilio/voice?site=main";

            Reply r = asTwilio.postSigned(path, params, TwilioPhone.sign(TOKEN, "https://hooks.example.com:8443/hookline" + path, params));
            assertThat(verbs(r)).containsExactly("Dial:+13055554567");
            assertThat(TwilioPhone.dialAction(r)).isEqualTo("https://hooks.example.com:8443/hookline/twilio/dial?destination=%2B13055554567");

            Reply loopback = asTwilio.postSigned(path, params, TwilioPhone.sign(TOKEN, proxied.base() + path, params));
            assertThat(loopback.status()).as("only the public URL counts once it is set").isEqualTo(403);
            assertThat(loopback.error("message")).contains("https://hooks.example.com:8443/hookline/twilio/voice?site=main");
        }
    }

    private void assertNothingStored(String callSid) {
        assertThat(hub.get("/api/v1/calls/" + callSid).status()).isEqualTo(404);
        assertThat(hub.get("/api/v1/webhook-deliveries?call_id=" + callSid).json().get("data")).isEmpty();
        // a flow that ran would have called /live at once; give a stray request time to arrive
        assertThat(receiver.poll(Duration.ofMillis(300))).as("nothing ran").matches(r -> r == null || !r.text().contains(callSid));
        assertThat(receiver.all()).noneMatch(r -> r.text().contains(callSid));
    }

    private static void awaitCall(TestHub as, String callSid) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (as.get("/api/v1/calls/" + callSid).status() != 200) {
            if (System.nanoTime() > deadline) throw new AssertionError(callSid + " not stored");
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
