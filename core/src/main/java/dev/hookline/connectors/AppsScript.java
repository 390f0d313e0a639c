package dev.hookline.connectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import dev.hookline.config.Version;
import dev.hookline.model.CallFlow;
import dev.hookline.plugins.CallEvent;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;

/**
 * The Google Apps Script a user pastes into a sheet (Extensions → Apps Script) so the
 * {@code sheets} connector can append one row per call: rendered with mustache.java from
 * {@code connectors/sheets/apps-script.gs.mustache}. Values are written into the script as JSON
 * literals (escaped here, inserted raw), so a flow name cannot break out of its string or comment.
 * Thread-safe: the template is compiled once.
 */
public final class AppsScript {
    static final String TEMPLATE = "connectors/sheets/apps-script.gs.mustache";
    /** Flow setting naming the sheet (tab) the rows go to. */
    public static final String SHEET_SETTING = "sheet_name";
    static final String DEFAULT_SHEET = "Calls";

    private final Mustache template;
    private final ObjectMapper mapper;

    public AppsScript(ObjectMapper mapper) {
        this.mapper = mapper;
        this.template = new DefaultMustacheFactory().compile(TEMPLATE);
    }

    /** The script for one flow. */
    public String render(CallFlow flow) {
        String sheet = flow.postCallWebhook().settings().getOrDefault(SHEET_SETTING, DEFAULT_SHEET);
        Map<String, Object> scope = new HashMap<>();
        scope.put("flowNameComment", commentSafe(flow.name()));
        scope.put("flowId", commentSafe(flow.id()));
        scope.put("version", commentSafe(Version.get()));
        scope.put("sheetNameJson", json(sheet));
        scope.put("columnsJson", json(CallEvent.FIELDS));
        StringWriter out = new StringWriter(8192);
        template.execute(out, scope);
        return out.toString();
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Text for inside a block comment: one line, no comment end. */
    static String commentSafe(String s) {
        return s.replaceAll("[\\r\\n\\u2028\\u2029]+", " ").replace("*/", "* /");
    }
}
