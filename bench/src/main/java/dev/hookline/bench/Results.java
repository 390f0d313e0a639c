package dev.hookline.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Every figure of a run, written as a markdown table and a JSON file. */
final class Results {
    record Row(String scenario, String metric, double value, String unit, String target, String verdict) {}

    private final List<Row> rows = new ArrayList<>();
    private final Map<String, Object> machine = new LinkedHashMap<>();
    private final String command;

    Results(String command) {
        this.command = command;
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        machine.put("date", Instant.now().toString());
    }

    void add(String scenario, String metric, double value, String unit) {
        add(scenario, metric, value, unit, "", "");
    }

    void add(String scenario, String metric, double value, String unit, String target, String verdict) {
        rows.add(new Row(scenario, metric, value, unit, target, verdict));
        System.out.printf(Locale.ROOT, "  %-12s %-44s %12s %-8s %s %s%n", scenario, metric, fmt(value), unit, target, verdict);
    }

    static String check(boolean ok) {
        return ok ? "met" : "MISSED";
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) return "n/a";
        if (v == Math.rint(v) && Math.abs(v) < 1e12) return String.format(Locale.ROOT, "%,d", (long) v);
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%,.0f" : Math.abs(v) >= 10 ? "%.1f" : "%.2f", v);
    }

    String markdown() {
        StringBuilder b = new StringBuilder();
        b.append("Machine: ").append(machine.get("cores")).append(" cores, ").append(machine.get("jdk")).append(", ").append(machine.get("os"))
                .append(" — ").append(machine.get("date")).append("  \nCommand: `").append(command).append("`\n\n");
        b.append("| scenario | metric | value | unit | target | |\n| --- | --- | ---: | --- | --- | --- |\n");
        for (Row r : rows) {
            b.append("| ").append(r.scenario()).append(" | ").append(r.metric()).append(" | ").append(fmt(r.value())).append(" | ")
                    .append(r.unit()).append(" | ").append(r.target()).append(" | ").append(r.verdict()).append(" |\n");
        }
        return b.toString();
    }

    void write(Path dir, String stem) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("machine", machine);
        json.put("command", command);
        json.put("rows", rows);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve(stem + ".json").toFile(), json);
        Files.writeString(dir.resolve(stem + ".md"), markdown());
    }
}
