package dev.hookline.web;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders the dashboard's mustache templates ({@code web/templates/*.mustache}). {@code {{x}}}
 * HTML-escapes; the templates never use triple mustaches for anything a user or receiver wrote
 * (only for SVG this package renders itself, escaped as it is built). Thread-safe: each template is
 * compiled once.
 */
public final class Views {
    private final DefaultMustacheFactory factory = new DefaultMustacheFactory("web/templates");
    private final Map<String, Mustache> compiled = new ConcurrentHashMap<>();

    public String render(String template, Map<String, Object> model) {
        Mustache m = compiled.computeIfAbsent(template, t -> factory.compile(t + ".mustache"));
        StringWriter out = new StringWriter(16 * 1024);
        m.execute(out, model);
        return out.toString();
    }
}
