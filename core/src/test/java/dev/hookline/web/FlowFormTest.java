package dev.hookline.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookline.http.ApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The editor's form as the API body it becomes, and the steps editor's buttons. */
class FlowFormTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void aFormBecomesTheBodyTheApiTakes() {
        FlowForm f = FlowForm.fromParams(params(
                "name", " Google Ads ", "tracking_numbers", "+15735551234, +15735551235\n",
                "post_call_webhook.enabled", "on", "post_call_webhook.url", " https://hook.eu1.make.com/abc ",
                "post_call_webhook.firing_mode", "wait_for_ai", "post_call_webhook.connector", "make",
                "post_call_webhook.settings.api_key", "k1", "post_call_webhook.settings.sheet_name", "ignored for make",
                "post_call_webhook.settings", "region = eu1\n\n",
                "steps[1].type", "say", "steps[1].message", "Hi",
                "steps[0].type", "webhook", "steps[0].url", "https://crm.example/route", "steps[0].method", "GET",
                "steps[0].body", "", "steps[0].timeout_seconds", "7", "steps[0].wait_for_response", "on",
                "steps[7].type", "hangup", "steps[7].message", "",
                "steps[9].type", "dance"));
        ObjectNode json = f.toJson(mapper, url -> "webhook");
        assertThat(json.get("tracking_numbers").toString()).isEqualTo("[\"+15735551234\",\"+15735551235\"]");
        assertThat(json.at("/post_call_webhook/url").asText()).isEqualTo("https://hook.eu1.make.com/abc");
        assertThat(json.at("/post_call_webhook/settings").toString()).isEqualTo("{\"api_key\":\"k1\",\"region\":\"eu1\"}");
        assertThat(json.get("steps")).hasSize(3); // ordered by index; an unknown type is not a step
        assertThat(json.at("/steps/0").toString()).isEqualTo(
                "{\"type\":\"webhook\",\"url\":\"https://crm.example/route\",\"method\":\"GET\",\"body\":null,\"timeout_seconds\":7,\"wait_for_response\":true}");
        assertThat(json.at("/steps/1/message").asText()).isEqualTo("Hi");
        assertThat(json.at("/steps/2/message").isNull()).isTrue();
    }

    @Test
    void whatIsNotANumberIsPassedOnForTheValidatorToName() {
        FlowForm f = FlowForm.fromParams(params("name", "x", "steps[0].type", "webhook", "steps[0].timeout_seconds", "soon"));
        assertThat(f.toJson(mapper, url -> "webhook").at("/steps/0/timeout_seconds").asText()).isEqualTo("soon");
        FlowForm bad = FlowForm.fromParams(params("name", "x", "post_call_webhook.settings", "no equals sign"));
        assertThatThrownBy(() -> bad.toJson(mapper, url -> "webhook")).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).field()).isEqualTo("post_call_webhook.settings"));
    }

    @Test
    void theStepsEditorAddsMovesAndRemoves() {
        FlowForm f = FlowForm.empty();
        assertThat(f.apply("add:say")).contains("step 1");
        f.apply("add:webhook");
        f.apply("add:forward");
        assertThat(types(f)).containsExactly("say", "webhook", "forward");
        f.apply("up:2");
        assertThat(types(f)).containsExactly("say", "forward", "webhook");
        f.apply("down:0");
        assertThat(types(f)).containsExactly("forward", "say", "webhook");
        f.apply("remove:1");
        assertThat(types(f)).containsExactly("forward", "webhook");
        assertThat(f.steps.get(1)).containsEntry("method", "POST").containsEntry("timeout_seconds", "5");
        assertThat(f.apply("up:0")).isNull();
        assertThat(f.apply("down:1")).isNull();
        assertThat(f.apply("remove:9")).isNull();
        assertThat(f.apply("add:dance")).isNull();
        assertThat(f.apply("save")).isNull();
        assertThat(types(f)).containsExactly("forward", "webhook");
    }

    @Test
    void anErrorFieldOfTheApiNamesTheInputItBelongsTo() {
        FlowForm f = FlowForm.fromParams(params("post_call_webhook.headers[0].name", "X-Api-Key", "post_call_webhook.headers[0].value", "k",
                "post_call_webhook.headers[4].name", "Host", "post_call_webhook.headers[4].value", "h",
                "post_call_webhook.headers[5].name", "x-api-key", "post_call_webhook.headers[5].value", "k2"));
        assertThat(input("tracking_numbers[2]", f, "webhook")).isEqualTo("tracking_numbers");
        assertThat(input("steps[3].url", f, "webhook")).isEqualTo("steps[3].url");
        assertThat(input("steps[3]", f, "webhook")).isEqualTo("steps[3]");
        assertThat(input("post_call_webhook.settings.api_key", f, "make")).isEqualTo("post_call_webhook.settings.api_key");
        assertThat(input("post_call_webhook.settings.api_key", f, "webhook")).isEqualTo(SettingsForm.OTHER); // not an input of this connector
        assertThat(input("post_call_webhook.settings.service_account_json", f, "sheets-api"))
                .isEqualTo("post_call_webhook.settings.service_account_json");
        assertThat(input("post_call_webhook.settings.region", f, "make")).isEqualTo(SettingsForm.OTHER);
        // a header's error goes to its row (rows are numbered by their place, not by the posted index), on the name or the value
        assertThat(FlowEditorView.inputFor("post_call_webhook.headers.Host", "post_call_webhook.headers.Host: Host is set by Hookline", f, "webhook"))
                .isEqualTo("post_call_webhook.headers[1].name");
        assertThat(FlowEditorView.inputFor("post_call_webhook.headers.x-api-key",
                "post_call_webhook.headers.x-api-key repeats a header name (names are not case-sensitive)", f, "webhook"))
                .isEqualTo("post_call_webhook.headers[2].name");
        assertThat(FlowEditorView.inputFor("post_call_webhook.headers.X-Api-Key", "post_call_webhook.headers.X-Api-Key must be printable ASCII",
                f, "webhook")).isEqualTo("post_call_webhook.headers[0].value");
        assertThat(input("post_call_webhook.headers", f, "webhook")).isEqualTo("post_call_webhook.headers");
        assertThat(input("post_call_webhook.events[1]", f, "webhook")).isEqualTo("post_call_webhook.events");
        assertThat(input("post_call_webhook.filter.min_ai_score", f, "webhook")).isEqualTo("post_call_webhook.filter.min_ai_score");
        assertThat(input("post_call_webhook.filter.sources[3]", f, "webhook")).isEqualTo("post_call_webhook.filter.sources");
    }

    @Test
    void headersEventsAndFilterBecomeTheOptionsOfTheBody() {
        FlowForm f = FlowForm.fromParams(params("name", "x", "post_call_webhook.url", "https://crm.example/hook",
                "post_call_webhook.connector", "webhook",
                "post_call_webhook.headers[0].name", " X-Api-Key ", "post_call_webhook.headers[0].value", "…wxyz",
                "post_call_webhook.headers[1].name", "", "post_call_webhook.headers[1].value", "",
                "post_call_webhook.headers[7].name", "Authorization", "post_call_webhook.headers[7].value", "Bearer abc",
                "post_call_webhook.filter.qualified_ai", "true", "post_call_webhook.filter.min_ai_score", "70",
                "post_call_webhook.filter.min_duration_seconds", "half a minute", "post_call_webhook.filter.sources", "google, , Bing ,"));
        Map<String, List<String>> withEvents = new LinkedHashMap<>();
        withEvents.put("post_call_webhook.events", List.of("call.completed", "call.voicemail"));
        f.options.events.addAll(HookOptionsForm.fromParams(withEvents).events);
        ObjectNode hook = (ObjectNode) f.toJson(mapper, url -> "webhook").get("post_call_webhook");
        assertThat(hook.get("headers").toString()).isEqualTo("{\"X-Api-Key\":\"…wxyz\",\"Authorization\":\"Bearer abc\"}"); // the blank row is no header
        assertThat(hook.get("events").toString()).isEqualTo("[\"call.completed\",\"call.voicemail\"]");
        assertThat(hook.get("filter").toString()).isEqualTo(
                "{\"qualified_ai\":true,\"min_ai_score\":70,\"min_duration_seconds\":\"half a minute\",\"sources\":[\"google\",\"Bing\"]}");

        FlowForm none = FlowForm.fromParams(params("name", "x", "post_call_webhook.filter.qualified_ai", ""));
        ObjectNode bare = (ObjectNode) none.toJson(mapper, url -> "webhook").get("post_call_webhook");
        assertThat(bare.get("headers").toString()).isEqualTo("{}"); // a save without rows removes the headers
        assertThat(bare.has("events")).isFalse(); // none ticked: every event fires
        assertThat(bare.has("filter")).isFalse();
    }

    @Test
    void aHeaderRowWithoutANameOrWithANameTwiceIsRefusedOnThatRow() {
        FlowForm noName = FlowForm.fromParams(params("name", "x", "post_call_webhook.headers[3].name", " ",
                "post_call_webhook.headers[3].value", "secret"));
        assertThatThrownBy(() -> noName.toJson(mapper, url -> "webhook")).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).field()).isEqualTo("post_call_webhook.headers[0].name"));
        FlowForm twice = FlowForm.fromParams(params("name", "x", "post_call_webhook.headers[0].name", "X-Key",
                "post_call_webhook.headers[0].value", "a", "post_call_webhook.headers[1].name", "X-Key", "post_call_webhook.headers[1].value", "b"));
        assertThatThrownBy(() -> twice.toJson(mapper, url -> "webhook")).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).field()).isEqualTo("post_call_webhook.headers.X-Key"));
        assertThat(twice.options.rowOf("X-Key")).isEqualTo(1);
    }

    @Test
    void theHeaderButtonsAddAndRemoveRows() {
        FlowForm f = FlowForm.fromParams(params("post_call_webhook.headers[0].name", "A", "post_call_webhook.headers[0].value", "1",
                "post_call_webhook.headers[1].name", "B", "post_call_webhook.headers[1].value", "2"));
        assertThat(f.apply("add-header")).isEqualTo("Added a header row.");
        assertThat(f.options.headers).hasSize(3);
        assertThat(f.apply("remove-header:0")).isEqualTo("Removed the header A.");
        assertThat(f.options.headers.stream().map(r -> r[0]).toList()).containsExactly("B", "");
        assertThat(f.apply("remove-header:9")).isNull();
        for (int i = 0; i < 30; i++) f.options.headers.add(new String[] {"H" + i, "v"});
        assertThat(f.apply("add-header")).contains("at most 20");
    }

    @Test
    void automaticLeavesTheConnectorOutAndSendsTheSettingsOfTheOneTheUrlGets() {
        FlowForm f = FlowForm.fromParams(params("name", "x", "post_call_webhook.url", "https://hook.eu1.make.com/abc",
                "post_call_webhook.connector", "", "post_call_webhook.settings.api_key", "k1",
                "post_call_webhook.settings.sheet", "Calls"));
        ObjectNode hook = (ObjectNode) f.toJson(mapper, url -> url.contains("make.com") ? "make" : "webhook").get("post_call_webhook");
        assertThat(hook.has("connector")).isFalse();
        assertThat(hook.get("settings").toString()).isEqualTo("{\"api_key\":\"k1\"}"); // sheet belongs to sheets-api
    }

    @Test
    void aSecretTypedIntoTheFormIsNotShownAgainButItsMaskIs() {
        SettingsForm typed = SettingsForm.fromParams(params("post_call_webhook.settings.service_account_json", "{\"private_key\": \"-----BEGIN\"}",
                "post_call_webhook.settings.sheet", "Calls", "post_call_webhook.settings", "token=abc123\nregion=eu"));
        List<String> withheld = new java.util.ArrayList<>();
        SettingsForm shown = typed.shown("acme", (connector, name) -> name.equals("service_account_json") || name.equals("token"), withheld);
        assertThat(shown.values).containsOnlyKeys("sheet");
        assertThat(shown.other).isEqualTo("token=\nregion=eu");
        assertThat(withheld).containsExactly("service_account_json", "token");

        SettingsForm masked = SettingsForm.fromParams(params("post_call_webhook.settings.service_account_json", "…ab12"));
        List<String> none = new java.util.ArrayList<>();
        assertThat(masked.shown("sheets-api", (c, n) -> true, none).values).containsEntry("service_account_json", "…ab12");
        assertThat(none).isEmpty();
    }

    private static String input(String field, FlowForm f, String connector) {
        return FlowEditorView.inputFor(field, field + " is wrong", f, connector);
    }

    private static List<String> types(FlowForm f) {
        return f.steps.stream().map(s -> s.get("type")).toList();
    }

    private static Map<String, List<String>> params(String... kv) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], List.of(kv[i + 1]));
        return m;
    }
}
