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
        ObjectNode json = f.toJson(mapper);
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
        assertThat(f.toJson(mapper).at("/steps/0/timeout_seconds").asText()).isEqualTo("soon");
        FlowForm bad = FlowForm.fromParams(params("name", "x", "post_call_webhook.settings", "no equals sign"));
        assertThatThrownBy(() -> bad.toJson(mapper)).isInstanceOf(ApiException.class)
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
        assertThat(FlowEditorView.inputFor("tracking_numbers[2]")).isEqualTo("tracking_numbers");
        assertThat(FlowEditorView.inputFor("steps[3].url")).isEqualTo("steps[3].url");
        assertThat(FlowEditorView.inputFor("steps[3]")).isEqualTo("steps[3]");
        assertThat(FlowEditorView.inputFor("post_call_webhook.settings.api_key")).isEqualTo(FlowForm.API_KEY);
        assertThat(FlowEditorView.inputFor("post_call_webhook.settings.region")).isEqualTo(FlowForm.OTHER_SETTINGS);
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
