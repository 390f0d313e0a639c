package dev.hookline.plugins;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;

/**
 * An insertion-ordered map of a few values, keys and values in two arrays: an event's payload, a
 * call report's fields. For twenty to forty entries it makes three objects where a
 * {@code LinkedHashMap} makes one per entry; looked up by a scan of the keys' cached hash codes.
 * No null key; null values allowed. A copy made by {@link #known} is read-only.
 */
public final class ValueMap extends AbstractMap<String, Object> {
    private String[] keys;
    private Object[] values;
    private int size;
    private final boolean readOnly;
    /** Keys expected in this order: shared until a key comes out of order, and never written. */
    private String[] order;

    public ValueMap(int capacity) {
        this(new String[Math.max(capacity, 4)], new Object[Math.max(capacity, 4)], 0, false);
    }

    private ValueMap(String[] keys, Object[] values, int size, boolean readOnly) {
        this.keys = keys;
        this.values = values;
        this.size = size;
        this.readOnly = readOnly;
    }

    /** An empty map that expects {@code order}'s keys in turn: one put in order is one store, with no scan. */
    static ValueMap expecting(String[] order) {
        ValueMap m = new ValueMap(order, new Object[order.length], 0, false);
        m.order = order;
        return m;
    }

    /** A read-only copy of {@code m}'s entries whose value is not null (absent then means unknown); such a copy is returned as it is. */
    public static ValueMap known(Map<String, ?> m) {
        if (m instanceof ValueMap v && v.readOnly && !v.containsValue(null)) return v;
        String[] k = new String[m.size()];
        Object[] v = new Object[m.size()];
        int[] n = {0};
        m.forEach((key, value) -> {
            if (value == null) return;
            k[n[0]] = Objects.requireNonNull(key, "key");
            v[n[0]++] = value;
        });
        return new ValueMap(k, v, n[0], true);
    }

    /** This map's entries, read-only, without a copy: the caller gives this map up and never writes it again. */
    ValueMap handOver() {
        return new ValueMap(keys, values, size, true);
    }

    boolean isReadOnly() {
        return readOnly;
    }

    @Override
    public Object put(String key, Object value) {
        writable();
        Objects.requireNonNull(key, "key");
        if (keys == order) {
            // the next key in order cannot be one of the distinct keys before it
            if (size < order.length && order[size] == key) {
                values[size++] = value;
                return null;
            }
            keys = Arrays.copyOf(order, order.length);
            Arrays.fill(keys, size, keys.length, null);
        }
        int i = indexOf(key);
        if (i >= 0) {
            Object old = values[i];
            values[i] = value;
            return old;
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        keys[size] = key;
        values[size++] = value;
        return null;
    }

    @Override
    public Object get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : values[i];
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public boolean containsValue(Object value) {
        for (int i = 0; i < size; i++) {
            if (Objects.equals(values[i], value)) return true;
        }
        return false;
    }

    @Override
    public Object remove(Object key) {
        int i = indexOf(key);
        if (i < 0) return null;
        Object old = values[i];
        removeAt(i);
        return old;
    }

    /** Removes every entry {@code drop} accepts, keeping the others' order. */
    public void removeIf(BiPredicate<String, Object> drop) {
        for (int i = size - 1; i >= 0; i--) {
            if (drop.test(keys[i], values[i])) removeAt(i);
        }
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
        for (int i = 0; i < size; i++) action.accept(keys[i], values[i]);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;
                    private boolean removable;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= size) throw new NoSuchElementException();
                        removable = true;
                        int i = next++;
                        return new SimpleImmutableEntry<>(keys[i], values[i]);
                    }

                    @Override
                    public void remove() {
                        if (!removable) throw new IllegalStateException();
                        removable = false;
                        removeAt(--next);
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    private int indexOf(Object key) {
        if (key == null) return -1;
        int h = key.hashCode();
        for (int i = 0; i < size; i++) {
            String k = keys[i];
            if (k == key || (k.hashCode() == h && k.equals(key))) return i;
        }
        return -1;
    }

    private void removeAt(int i) {
        writable();
        if (keys == order) keys = Arrays.copyOf(order, order.length);
        System.arraycopy(keys, i + 1, keys, i, size - i - 1);
        System.arraycopy(values, i + 1, values, i, size - i - 1);
        size--;
        keys[size] = null;
        values[size] = null;
    }

    private void writable() {
        if (readOnly) throw new UnsupportedOperationException("read-only");
    }
}
