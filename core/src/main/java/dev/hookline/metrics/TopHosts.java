package dev.hookline.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Bounds a per-host series to the busiest hosts: the top {@code n} by count, the rest summed under one name. */
final class TopHosts {
    private TopHosts() {}

    /** The {@code n} hosts with the most (ties by name), then {@code other} with the sum of the rest when there is a rest. */
    static Map<String, Integer> of(Map<String, Integer> all, int n, String other) {
        List<Map.Entry<String, Integer>> hosts = new ArrayList<>(all.entrySet());
        hosts.removeIf(e -> e.getValue() == null || e.getValue() <= 0);
        hosts.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        Map<String, Integer> top = new LinkedHashMap<>();
        int rest = 0;
        for (int i = 0; i < hosts.size(); i++) {
            if (i < n) top.put(hosts.get(i).getKey(), hosts.get(i).getValue());
            else rest += hosts.get(i).getValue();
        }
        if (hosts.size() > n) top.put(other, rest);
        return top;
    }
}
