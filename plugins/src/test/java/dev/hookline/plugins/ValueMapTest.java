package dev.hookline.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The map of an event or a report behaves as an ordered map, and its known copy as a read-only one. */
class ValueMapTest {

    @Test
    void keepsInsertionOrderAndReplacesInPlace() {
        ValueMap m = new ValueMap(2);
        m.put("b", 1L);
        m.put("a", "x");
        m.put("c", true);
        m.put("b", 2L); // a later value of a key keeps its place, as in a LinkedHashMap
        assertThat(m).containsExactly(Map.entry("b", 2L), Map.entry("a", "x"), Map.entry("c", true));
        assertThat(m.get(new String("a"))).isEqualTo("x"); // found by value, not only by identity
        assertThat(m.get("zz")).isNull();
        assertThat(m.remove("a")).isEqualTo("x");
        m.removeIf((k, v) -> k.equals("c"));
        assertThat(m).containsExactly(Map.entry("b", 2L));
        Map<String, Object> same = new LinkedHashMap<>();
        same.put("b", 2L);
        assertThat(m).isEqualTo(same).hasSameHashCodeAs(same);
    }

    @Test
    void keysExpectedInOrderNeverWriteTheSharedOrder() {
        String[] order = {"a", "b", "c"};
        ValueMap m = ValueMap.expecting(order);
        m.put("a", 1L);
        m.put("b", null);
        m.remove("a");
        m.put("z", 2L);
        assertThat(m.keySet()).containsExactly("b", "z");
        assertThat(order).containsExactly("a", "b", "c");
        ValueMap again = ValueMap.expecting(order);
        again.put("a", 1L);
        again.put("c", 3L); // out of order: the keys get an array of their own
        again.put("b", 2L);
        assertThat(again.keySet()).containsExactly("a", "c", "b");
        assertThat(order).containsExactly("a", "b", "c");
        assertThat(again.handOver()).containsExactlyEntriesOf(again);
    }

    @Test
    void iteratorRemovesTheEntryItLastGave() {
        ValueMap m = new ValueMap(4);
        m.put("a", 1L);
        m.put("b", 2L);
        m.put("c", 3L);
        Iterator<Map.Entry<String, Object>> it = m.entrySet().iterator();
        it.next();
        it.next();
        it.remove();
        assertThat(it.next().getKey()).isEqualTo("c");
        assertThat(m.keySet()).containsExactly("a", "c");
    }

    @Test
    void knownCopyLeavesOutNullsAndRefusesChanges() {
        Map<String, Object> given = new HashMap<>();
        given.put("a", "x");
        given.put("gone", null);
        Map<String, Object> known = ValueMap.known(given);
        assertThat(known).containsOnly(Map.entry("a", "x"));
        assertThat(ValueMap.known(known)).isSameAs(known);
        assertThatThrownBy(() -> known.put("b", 1L)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> known.remove("a")).isInstanceOf(UnsupportedOperationException.class);
        ValueMap open = new ValueMap(4);
        open.put("k", "v");
        Map<String, Object> copy = ValueMap.known(open);
        open.put("k", "changed");
        assertThat(copy).containsOnly(Map.entry("k", "v")); // a copy, not a view of the open map
        open.put("n", null); // an open map keeps a null value; its known copy leaves it out
        assertThat(open).containsKey("n");
        assertThat(ValueMap.known(open)).doesNotContainKey("n");
        assertThatThrownBy(() -> open.put(null, "v")).isInstanceOf(NullPointerException.class);
    }
}
