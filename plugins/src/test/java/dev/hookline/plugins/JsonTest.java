package dev.hookline.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The connectors' JSON writer: every kind of value it accepts, as text and as UTF-8 bytes. */
class JsonTest {

    @Test
    void numbersOfEveryBoxedTypeAreWrittenAsTheirDigits() {
        List<Object> numbers = Arrays.asList(0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 7, Integer.MIN_VALUE, (short) 12, (byte) -3,
                1.5, -0.25, 1e21, 2.5f, new BigDecimal("12.3400"), true, false, null);

        assertThat(Json.write(numbers)).isEqualTo("[0,-1,-9223372036854775808,9223372036854775807,7,-2147483648,12,-3,"
                + "1.5,-0.25,1.0E21,2.5,12.3400,true,false,null]");
    }

    @Test
    void mapsKeepTheirOrderAndStringsAreEscaped() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", 1L);
        inner.put("a", List.of("x\"y", "line\nbreak"));
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("duration", 42L);
        outer.put("inner", inner);
        outer.put("empty", Map.of());

        assertThat(Json.write(outer)).isEqualTo("{\"duration\":42,\"inner\":{\"z\":1,\"a\":[\"x\\\"y\",\"line\\nbreak\"]},\"empty\":{}}");
    }

    @Test
    void utf8BytesMatchTheTextWithAndWithoutNonAsciiCharacters() {
        for (Object value : List.of(Map.of("n", 123456789012L), Map.of("name", "Zoë Ünal — 東京"))) {
            assertThat(Json.writeUtf8(value)).isEqualTo(Json.write(value).getBytes(StandardCharsets.UTF_8));
        }
    }
}
