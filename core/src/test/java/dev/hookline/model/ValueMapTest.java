package dev.hookline.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The call's map of values behaves as an ordered map, and as a read-only one once frozen. */
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
    void frozenCopyLeavesOutNullsAndRefusesChanges() {
        Map<String, Object> given = new HashMap<>();
        given.put("a", "x");
        given.put("gone", null);
        Map<String, Object> frozen = ValueMap.frozen(given);
        assertThat(frozen).containsOnly(Map.entry("a", "x"));
        assertThat(ValueMap.frozen(frozen)).isSameAs(frozen);
        assertThatThrownBy(() -> frozen.put("b", 1L)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> frozen.remove("a")).isInstanceOf(UnsupportedOperationException.class);
        ValueMap open = new ValueMap(4);
        open.put("k", "v");
        Map<String, Object> copy = ValueMap.frozen(open);
        open.put("k", "changed");
        assertThat(copy).containsOnly(Map.entry("k", "v")); // a copy, not a view of the open map
        assertThatThrownBy(() -> open.put("n", null)).isInstanceOf(NullPointerException.class);
    }
}
