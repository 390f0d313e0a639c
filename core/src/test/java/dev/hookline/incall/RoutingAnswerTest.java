package dev.hookline.incall;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a routing server's answer must be: one JSON object, and a forward to a phone number as forward steps take it. */
class RoutingAnswerTest {
    static final ObjectMapper MAPPER = new ObjectMapper();

    static RoutingAnswer parse(String body) {
        return RoutingAnswer.parse(MAPPER, body.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sip:frontdesk@example.com", "+1 305 555 4567", "305-555-4567", "front desk", "+12", "+1234567890123456"})
    void aForwardToSomethingThatIsNotAPhoneNumberIsUnusable(String destination) {
        RoutingAnswer a = parse("{\"action\": \"forward\", \"destination\": \"" + destination + "\"}");
        assertThat(a.action()).isNull();
        assertThat(a.problem()).contains("is not a phone number");
    }

    @Test
    void aForwardToAPhoneNumberIsTaken() {
        assertThat(parse("{\"action\": \"forward\", \"destination\": \" +13055554567 \"}").action()).isEqualTo(Action.forward("+13055554567"));
        assertThat(parse("{\"action\": \"forward\", \"destination\": \"13055554567\"}").problem()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"action\": \"hangup\"} thanks", "{\"action\": \"say\", \"message\": \"hi\"}{\"action\": \"hangup\"}",
            "{\"action\": \"hangup\"} }", "{\"action\": \"hangup\"}\n<html></html>"})
    void textAfterTheJsonMakesTheAnswerUnusable(String body) {
        RoutingAnswer a = parse(body);
        assertThat(a.action()).as(body).isNull();
        assertThat(a.problem()).as(body).isEqualTo("the answer has text after its JSON");
    }

    @Test
    void whiteSpaceAfterTheJsonIsFine() {
        assertThat(parse("{\"action\": \"hangup\", \"message\": \"Bye\"}\r\n  \n").action()).isEqualTo(Action.hangup("Bye"));
    }
}
