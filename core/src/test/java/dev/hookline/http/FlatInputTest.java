package dev.hookline.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A flat body read in one pass: the same verdicts and messages as the tree reader, field by field. */
class FlatInputTest {
    static final ObjectMapper MAPPER = new ObjectMapper();

    static FlatInput flat(String json) {
        return FlatInput.parse(MAPPER.getFactory(), json.getBytes(StandardCharsets.UTF_8));
    }

    static JsonInput tree(String json) {
        return JsonInput.parse(MAPPER, json.getBytes(StandardCharsets.UTF_8));
    }

    static ApiException error(Runnable r) {
        return catchThrowableOfType(r::run, ApiException.class);
    }

    @Test
    void valuesOfEachTypeAreReadAsTheTreeReadsThem() {
        String body = "{\"s\":\"text\",\"blank\":\" \",\"n\":42,\"big\":123456789012345678901234567890,\"f\":1.5,\"t\":true,\"nul\":null,"
                + "\"o\":{\"a\":[1,2]},\"a\":[\"x\"],\"s\":\"later wins\"}";
        FlatInput f = flat(body);
        JsonInput t = tree(body);
        assertThat(f.keys()).containsExactly("s", "blank", "n", "big", "f", "t", "nul", "o", "a");
        assertThat(f.optionalString("s")).isEqualTo(t.optionalString("s")).isEqualTo("later wins");
        assertThat(f.optionalLong("n", 0, 100)).isEqualTo(t.optionalLong("n", 0, 100)).isEqualTo(42L);
        assertThat(f.optionalBoolean("t")).isEqualTo(t.optionalBoolean("t")).isTrue();
        assertThat(f.optionalString("nul")).isNull();
        assertThat(f.optionalString("missing")).isNull();
        assertThat(f.present("nul")).isFalse();
        for (String key : List.of("n", "big", "f", "t", "o", "a")) {
            assertThat(error(() -> f.optionalString(key)).getMessage()).isEqualTo(error(() -> t.optionalString(key)).getMessage())
                    .isEqualTo(key + " must be a string");
        }
        for (String key : List.of("s", "big", "f", "t", "o", "a")) {
            assertThat(error(() -> f.optionalLong(key, 0, 10)).getMessage()).isEqualTo(error(() -> t.optionalLong(key, 0, 10)).getMessage());
        }
        assertThat(error(() -> f.optionalLong("n", 0, 10)).getMessage()).isEqualTo("n must be from 0 to 10");
        assertThat(error(() -> f.optionalBoolean("s")).getMessage()).isEqualTo(error(() -> t.optionalBoolean("s")).getMessage());
        assertThat(error(() -> f.requiredString("blank")).getMessage()).isEqualTo(error(() -> t.requiredString("blank")).getMessage());
        assertThat(error(() -> f.requiredString("nul")).getMessage()).isEqualTo(error(() -> t.requiredString("nul")).getMessage());
        assertThat(error(() -> f.allowOnly(Set.of("s"))).getMessage()).isEqualTo(error(() -> t.allowOnly(Set.of("s"))).getMessage());
    }

    @Test
    void bodiesThatAreNotOneObjectGetTheTreeReadersAnswers() {
        for (String body : List.of("", "  \n", "[1]", "\"x\"", "null", "{\"a\":", "{\"a\" 1}", "{\"a\":1,}", "{'a':1}")) {
            ApiException f = error(() -> flat(body));
            ApiException t = error(() -> tree(body));
            assertThat(f).as(body).isNotNull();
            assertThat(f.getMessage()).as(body).isEqualTo(t.getMessage());
        }
    }

    @Test
    void keepOnlyChecksInTheGivenOrderAndLeavesTheRequestedFieldsInTheBodysMap() {
        FlatInput f = flat("{\"b\":\"bee\",\"x\":\"dropped\",\"a\":\"ay\",\"c\":null}");
        StringBuilder order = new StringBuilder();
        Map<String, Object> kept = f.keepOnly(List.of("a", "b", "c"), Set.of("a", "b", "c"), key -> {
            order.append(key);
            return f.optionalString(key).toUpperCase();
        });
        assertThat(order).hasToString("ab");
        assertThat(kept).containsExactly(Map.entry("b", "BEE"), Map.entry("a", "AY")); // the body's order, its own map
    }
}
