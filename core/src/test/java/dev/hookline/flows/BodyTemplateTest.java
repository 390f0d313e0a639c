package dev.hookline.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BodyTemplateTest {

    @ParameterizedTest
    @ValueSource(strings = {"{{caller_number}}", "plain text", "{\"a\": \"{{call_sid}}\"}", "x {{{tracking_number}}} {{&call_sid}} {{! note }}"})
    void plainSubstitutionsCompile(String body) {
        assertThat(BodyTemplate.compile(body)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{{#call_sid}}x{{/call_sid}}", "{{^call_sid}}x{{/call_sid}}", "{{$call_sid}}x{{/call_sid}}", "{{nope}}",
            "{{#call_sid}}", "{{>/etc/hostname}}", "{{<base}}{{/base}}"})
    void sectionsPartialsAndUnknownVariablesAreRefused(String body) {
        assertThatThrownBy(() -> BodyTemplate.compile(body)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPartialIsNeverReadFromDisk() {
        assertThatThrownBy(() -> BodyTemplate.compile("{{>/etc/hostname}}")).hasMessageContaining("partials");
    }

    @Test
    void jsonValuesAreEscapedAndTextAfterTheLastTagIsKept() throws Exception {
        BodyTemplate t = BodyTemplate.compile("{\"sid\": \"{{call_sid}}\", \"to\": \"{{tracking_number}}\"}");
        assertThat(t.contentType()).isEqualTo("application/json");
        String sid = "a\"b\\c\nd\u0001e\u2028";
        JsonNode n = new ObjectMapper().readTree(t.render("+1", "+2", sid));
        assertThat(n.get("sid").asText()).isEqualTo(sid);
        assertThat(n.get("to").asText()).isEqualTo("+2");
    }

    @Test
    void textIsNotEscaped() {
        BodyTemplate t = BodyTemplate.compile("<{{caller_number}}> & {{call_sid}}!");
        assertThat(t.contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(t.render("+1", "+2", "\"<&>\"")).isEqualTo("<+1> & \"<&>\"!");
    }
}
