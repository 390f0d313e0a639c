package dev.hookline.metrics;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** One Prometheus text exposition, read line by line: the value of a series by its name and labels. */
public record Scrape(Map<String, Double> series) {

    public static Scrape parse(String text) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            int space = line.lastIndexOf(' ');
            out.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return new Scrape(out);
    }

    /** The series {@code name} whose labels include every {@code k=v} pair given (0 when there is none); fails when several match. */
    public double value(String name, String... labels) {
        Double found = null;
        for (Map.Entry<String, Double> e : series.entrySet()) {
            String key = e.getKey();
            String n = key.contains("{") ? key.substring(0, key.indexOf('{')) : key;
            if (!n.equals(name)) continue;
            if (!Arrays.stream(labels).allMatch(l -> key.contains(l.substring(0, l.indexOf('=')) + "=\"" + l.substring(l.indexOf('=') + 1) + "\""))) {
                continue;
            }
            if (found != null) throw new AssertionError("several series match " + name + " " + Arrays.toString(labels) + ": " + series.keySet());
            found = e.getValue();
        }
        return found == null ? 0 : found;
    }

    public boolean has(String name) {
        return series.keySet().stream().anyMatch(k -> k.equals(name) || k.startsWith(name + "{"));
    }
}
