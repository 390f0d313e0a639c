package dev.hookline.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The builder hands its map to the event without a copy: the event must stay as immutable as one made from a map. */
class CallEventBuilderTest {

    @Test
    void aBuiltEventKeepsOrderAndCannotBeChanged() {
        CallEvent.Builder b = CallEvent.builder();
        for (String key : CallEvent.FIELDS) b.put(key, key.equals("attempt") ? 1L : null);
        CallEvent e = b.build();
        assertThat(e.fields().keySet()).containsExactlyElementsOf(CallEvent.FIELDS);
        assertThat(e.number("attempt")).isEqualTo(1L);
        assertThatThrownBy(() -> e.fields().put("event", "x")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(e).isEqualTo(new CallEvent(e.fields())).isEqualTo(e.with("attempt", 1L));
    }

    @Test
    void keysOutOfOrderRepeatedOrUnknownAreKeptAsGiven() {
        CallEvent.Builder b = CallEvent.builder().put("event", "call.completed").put(new String("call_id"), "c1");
        b.put("event", "call.missed").put("custom", 7L).put("business_id", "b1");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("event", "call.missed");
        expected.put("call_id", "c1");
        expected.put("custom", 7L);
        expected.put("business_id", "b1");
        CallEvent e = b.build();
        assertThat(e.fields()).containsExactlyEntriesOf(expected);
        assertThat(e.get("call_flow_id")).isNull();
        // the order's own array is not written through: a later event in order is whole
        CallEvent.Builder inOrder = CallEvent.builder();
        for (String key : CallEvent.FIELDS) inOrder.put(key, key);
        assertThat(inOrder.build().fields()).allSatisfy((k, v) -> assertThat(v).isEqualTo(k)).hasSize(CallEvent.FIELDS.size());
    }

    @Test
    void aBuilderIsSpentOnceItHasBuilt() {
        CallEvent.Builder b = CallEvent.builder().put("event", "call.completed");
        CallEvent e = b.build();
        assertThatThrownBy(() -> b.put("event", "call.missed")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class);
        assertThat(e.string("event")).isEqualTo("call.completed");
    }

    @Test
    void utf8WritingMatchesTheTextEncoded() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ascii", "plain \"quoted\"\n");
        m.put("n", 42L);
        assertThat(new String(Json.writeUtf8(m), StandardCharsets.UTF_8)).isEqualTo(Json.write(m));
        m.put("accents", "Jos\u00e9 \u2013 \u00fcber \uD83D\uDE00");
        assertThat(Json.writeUtf8(m)).isEqualTo(Json.write(m).getBytes(StandardCharsets.UTF_8));
        assertThat(Json.writeUtf8(CallEvent.example().fields())).isEqualTo(Json.write(CallEvent.example().fields()).getBytes(StandardCharsets.UTF_8));
    }
}
