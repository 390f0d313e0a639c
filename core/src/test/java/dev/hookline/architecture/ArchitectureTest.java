package dev.hookline.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Rules of the code's shape, read from core's sources: SQL only in the store implementations, no package cycles, small classes. */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java");
    private static final Pattern SQL = Pattern.compile("\"[^\"]*\\b(SELECT\\s+\\S+.*\\bFROM|INSERT\\s+INTO|UPDATE\\s+\\w+\\s+SET|DELETE\\s+FROM|CREATE\\s+(TABLE|INDEX)|PRAGMA\\s+\\w+|VACUUM\\b)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TEXT_BLOCK_SQL = Pattern.compile("\"\"\"\\s*\\n\\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|WITH)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.hookline((?:\\.[a-z][a-z0-9]*)*)\\.[A-Z]");
    /** Store implementations (the two dialects and the statements they share): the only packages that may hold SQL. */
    private static final Set<String> SQL_PACKAGES = Set.of("dev.hookline.store.jdbc", "dev.hookline.store.sqlite", "dev.hookline.store.postgres");

    @Test
    void onlyTheStoreImplementationsWriteSql() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path f : sources()) {
            String pkg = packageOf(f);
            if (SQL_PACKAGES.contains(pkg)) continue;
            String text = Files.readString(f);
            if (SQL.matcher(text).find() || TEXT_BLOCK_SQL.matcher(text).find()) offenders.add(MAIN.relativize(f).toString());
        }
        assertThat(offenders).as("SQL outside " + SQL_PACKAGES).isEmpty();
    }

    @Test
    void corePackagesHaveNoCycles() throws IOException {
        Map<String, Set<String>> graph = packageGraph();
        List<List<String>> cycles = stronglyConnected(graph).stream().filter(c -> c.size() > 1).toList();
        assertThat(cycles).as("package cycles in core (graph: " + graph + ")").isEmpty();
    }

    @Test
    void classesStaySmall() throws IOException {
        Map<String, Long> large = new TreeMap<>();
        for (Path f : sources()) {
            long lines;
            try (Stream<String> s = Files.lines(f)) {
                lines = s.count();
            }
            if (lines > 300) large.put(MAIN.relativize(f).toString(), lines);
        }
        assertThat(large).as("source files over 300 lines").isEmpty();
    }

    /** Which core packages each core package uses, from imports and fully qualified names. */
    static Map<String, Set<String>> packageGraph() throws IOException {
        Map<String, Set<String>> graph = new TreeMap<>();
        for (Path f : sources()) {
            String pkg = packageOf(f);
            Set<String> uses = graph.computeIfAbsent(pkg, k -> new TreeSet<>());
            String body = Files.readString(f).replaceFirst("(?m)^package .*;", "");
            Matcher m = REFERENCE.matcher(body);
            while (m.find()) {
                String used = "dev.hookline" + m.group(1); // the root package (App, Main) counts too
                if (!used.equals(pkg) && !used.startsWith("dev.hookline.plugins")) uses.add(used);
            }
        }
        graph.values().forEach(s -> s.retainAll(graph.keySet()));
        return graph;
    }

    private static List<List<String>> stronglyConnected(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<List<String>> out = new ArrayList<>();
        int[] counter = {0};
        for (String v : graph.keySet()) {
            if (!index.containsKey(v)) connect(v, graph, index, low, stack, onStack, out, counter);
        }
        return out;
    }

    private static void connect(String v, Map<String, Set<String>> g, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
                                Set<String> onStack, List<List<String>> out, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.push(v);
        onStack.add(v);
        for (String w : g.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, g, index, low, stack, onStack, out, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> component = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            out.add(component);
        }
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> s = Files.walk(MAIN)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static String packageOf(Path f) {
        return MAIN.relativize(f.getParent()).toString().replace('/', '.');
    }
}
