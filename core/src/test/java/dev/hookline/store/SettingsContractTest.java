package dev.hookline.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.model.CallFilter;
import dev.hookline.model.CallFlow;
import dev.hookline.model.FiringMode;
import dev.hookline.model.PostCallWebhook;
import dev.hookline.model.WebhookOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every store keeps of a business's settings: Twilio auth tokens and the businesses a number
 * may be for, dial entries appended to a trace, signing-secret rotation, and a webhook's headers,
 * events and filter.
 */
public abstract class SettingsContractTest extends StoreFixture {
    private static final ObjectMapper JSON = new ObjectMapper();

    private void secondBusiness() {
        store.keys().createBusiness("b-2", "Second", t0 + 1, new KeyStore.StoredKey("k-2", "b-2", "k", "hk_abc", "hash-2", false, t0, null, null));
    }

    @Test
    void twilioTokensAreKeptPerBusinessAndANumberNamesEveryBusinessThatHasIt() {
        secondBusiness();
        store.flows().create(StoreContractTest.flow(business, "f-a", List.of("+1001"), FiringMode.IMMEDIATE));
        store.flows().create(StoreContractTest.flow("b-2", "f-b", List.of("+1001", "+1002"), FiringMode.IMMEDIATE));
        assertThat(store.twilio().tokenUpdatedAt(business)).isEmpty();
        assertThat(store.twilio().withToken()).isEmpty();

        store.twilio().setToken(business, "token-1", t0);
        store.twilio().setToken(business, "token-2", t0 + 5);
        assertThat(store.twilio().tokenUpdatedAt(business)).contains(t0 + 5);
        assertThat(store.twilio().forNumber("+1001")).containsExactly(new TwilioStore.Candidate(business, "token-2"),
                new TwilioStore.Candidate("b-2", null));
        assertThat(store.twilio().forNumber("+1002")).containsExactly(new TwilioStore.Candidate("b-2", null));
        assertThat(store.twilio().forNumber("+1999")).isEmpty();
        store.twilio().setToken("b-2", "token-b", t0 + 6);
        assertThat(store.twilio().withToken()).containsExactly(new TwilioStore.Candidate(business, "token-2"),
                new TwilioStore.Candidate("b-2", "token-b"));

        assertThat(store.twilio().deleteToken(business)).isTrue();
        assertThat(store.twilio().deleteToken(business)).isFalse();
        assertThat(store.twilio().tokenUpdatedAt(business)).isEmpty();
        assertThat(store.twilio().withToken()).containsExactly(new TwilioStore.Candidate("b-2", "token-b"));
    }

    @Test
    void aDialEntryJoinsTheTraceWithTheStepBeforeItAndEveryKeyInItsPlace() throws Exception {
        store.traces().save(new TraceStore.LiveTrace(business, "CA1", "f-1", "+1", "+2",
                "[{\"step\":1,\"type\":\"say\",\"outcome\":\"ok\"},{\"step\":2,\"type\":\"forward\",\"outcome\":\"dialing\",\"a\":1}]", t0),
                () -> true).get(10, TimeUnit.SECONDS);
        String dial = "{\"step\":null,\"type\":\"dial\",\"outcome\":\"completed\",\"status_code\":null,\"duration_ms\":5000,\"error\":null}";

        assertThat(store.twilio().appendTraceEntry(business, "CA1", dial)).isTrue();

        JsonNode trace = JSON.readTree(store.calls().find(business, "CA1").orElseThrow().inCallTrace());
        assertThat(trace).hasSize(3);
        assertThat(keys(trace.get(0))).containsExactly("step", "type", "outcome");
        assertThat(keys(trace.get(1))).as("the stored entries keep their key order").containsExactly("step", "type", "outcome", "a");
        assertThat(keys(trace.get(2))).as("as the entry was given").containsExactly("step", "type", "outcome", "status_code", "duration_ms", "error");
        assertThat(trace.get(2)).isEqualTo(JSON.readTree(dial.replace("\"step\":null", "\"step\":2")));
        assertThat(store.twilio().appendTraceEntry(business, "CA-unknown", dial)).isFalse();
        assertThat(store.twilio().appendTraceEntry("other", "CA1", dial)).isFalse();

        store.calls().ingest(StoreContractTest.call(business, "reported", t0), null, c -> c).join();
        assertThat(store.twilio().appendTraceEntry(business, "reported", dial)).isTrue();
        JsonNode started = JSON.readTree(store.calls().find(business, "reported").orElseThrow().inCallTrace());
        assertThat(started).isEqualTo(JSON.readTree("[" + dial + "]"));
    }

    private static List<String> keys(JsonNode entry) {
        List<String> out = new ArrayList<>();
        entry.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void aRotatedSecretSignsAlongsideTheNewOneUntilItExpiresAndOnlyForItsBusiness() {
        secondBusiness();
        store.flows().create(StoreContractTest.flow(business, "f-a", List.of("+1001"), FiringMode.IMMEDIATE));
        assertThat(store.flows().secrets(business, "f-a")).contains(new FlowStore.Secrets("whsec_test", null, null));

        assertThat(store.flows().rotate(business, "f-a", "whsec_new", t0 + 86_400_000, t0 + 1)).isTrue();
        assertThat(store.flows().secrets(business, "f-a")).contains(new FlowStore.Secrets("whsec_new", "whsec_test", t0 + 86_400_000));
        CallFlow rotated = store.flows().find(business, "f-a").orElseThrow();
        assertThat(rotated.signingSecret()).isEqualTo("whsec_new");
        assertThat(rotated.updatedAt()).isEqualTo(t0 + 1);

        store.flows().replace(business, "f-a", f -> new CallFlow(f.id(), f.businessId(), "Renamed", f.trackingNumbers(), f.postCallWebhook(),
                f.steps(), f.signingSecret(), f.createdAt(), t0 + 2));
        assertThat(store.flows().secrets(business, "f-a")).as("an edit keeps the rotation")
                .contains(new FlowStore.Secrets("whsec_new", "whsec_test", t0 + 86_400_000));
        assertThat(store.flows().rotate(business, "f-a", "whsec_third", t0 + 90_000_000, t0 + 3)).isTrue();
        assertThat(store.flows().secrets(business, "f-a")).contains(new FlowStore.Secrets("whsec_third", "whsec_new", t0 + 90_000_000));

        assertThat(store.flows().rotate("b-2", "f-a", "whsec_x", t0, t0)).isFalse();
        assertThat(store.flows().rotate(business, "missing", "whsec_x", t0, t0)).isFalse();
        assertThat(store.flows().secrets("b-2", "f-a")).isEmpty();
        assertThat(store.flows().secrets(business, "f-a").orElseThrow().signingSecret()).isEqualTo("whsec_third");
    }

    @Test
    void aWebhooksHeadersEventsAndFilterAreKeptAsGivenAndReplaced() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Zeta", "z-secret");
        headers.put("Authorization", "Bearer abc");
        headers.put("X-Alpha", "a");
        WebhookOptions options = new WebhookOptions(headers, List.of("call.missed", "call.completed"),
                new CallFilter(true, 70, 30, List.of("google", "Direct")));
        store.flows().create(withOptions(StoreContractTest.flow(business, "f-a", List.of("+1001"), FiringMode.IMMEDIATE), options));
        store.flows().create(StoreContractTest.flow(business, "f-b", List.of("+1002"), FiringMode.IMMEDIATE));

        WebhookOptions read = store.flows().find(business, "f-a").orElseThrow().postCallWebhook().options();
        assertThat(read).isEqualTo(options);
        assertThat(read.headers().keySet()).containsExactly("X-Zeta", "Authorization", "X-Alpha");
        assertThat(read.events()).containsExactly("call.missed", "call.completed");
        WebhookOptions none = store.flows().find(business, "f-b").orElseThrow().postCallWebhook().options();
        assertThat(none.events()).as("every event").isNull();
        assertThat(none.headers()).isEmpty();
        assertThat(none.filter().isEmpty()).isTrue();
        assertThat(store.flows().list(business)).extracting(f -> f.postCallWebhook().options()).containsExactly(options, none);

        WebhookOptions partial = new WebhookOptions(Map.of(), null, new CallFilter(null, null, null, List.of("google")));
        store.flows().replace(business, "f-a", f -> withOptions(f, partial));
        assertThat(store.flows().find(business, "f-a").orElseThrow().postCallWebhook().options()).isEqualTo(partial);
    }

    private static CallFlow withOptions(CallFlow f, WebhookOptions options) {
        PostCallWebhook w = f.postCallWebhook();
        return new CallFlow(f.id(), f.businessId(), f.name(), f.trackingNumbers(),
                new PostCallWebhook(w.enabled(), w.url(), w.firingMode(), w.connector(), w.settings(), options), f.steps(), f.signingSecret(),
                f.createdAt(), f.updatedAt());
    }
}
