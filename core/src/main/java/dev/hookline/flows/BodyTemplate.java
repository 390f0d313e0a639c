package dev.hookline.flows;

import com.github.mustachejava.Code;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.codes.CommentCode;
import com.github.mustachejava.codes.ValueCode;
import com.github.mustachejava.codes.WriteCode;
import dev.hookline.plugins.Json;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A custom in-call webhook body: a mustache template over the call's variables. A body that
 * starts with {@code {} is JSON and every substituted value is JSON-escaped (so a CallSid with
 * quotes or newlines still yields valid JSON); any other body is text with values inserted as they
 * are (no HTML escaping). Compiled once when the flow is saved. Immutable and thread-safe.
 */
public final class BodyTemplate {
    public static final Set<String> VARIABLES = Set.of("caller_number", "tracking_number", "call_sid");

    /**
     * Values are escaped before rendering, so the factory writes them as they are. It never loads a
     * partial: the default would read {@code {{>/any/file}}} from the hub's disk while compiling.
     */
    private static final DefaultMustacheFactory FACTORY = new DefaultMustacheFactory() {
        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (java.io.IOException e) {
                throw new MustacheException(e);
            }
        }

        @Override
        public Reader getReader(String resourceName) {
            throw new MustacheException("partials ({{>" + resourceName + "}}) are not supported");
        }
    };

    private final Mustache mustache;
    private final boolean json;

    private BodyTemplate(Mustache mustache, boolean json) {
        this.mustache = mustache;
        this.json = json;
    }

    /** Compiles {@code body}; throws {@link IllegalArgumentException} naming what is wrong. */
    public static BodyTemplate compile(String body) {
        Mustache m;
        try {
            m = FACTORY.compile(new StringReader(body), "body");
        } catch (MustacheException e) {
            throw new IllegalArgumentException("the template does not parse: " + firstLine(e.getMessage()));
        }
        check(m.getCodes());
        return new BodyTemplate(m, body.stripLeading().startsWith("{"));
    }

    private static void check(Code[] codes) {
        if (codes == null) return;
        for (Code c : codes) {
            if (c instanceof ValueCode) {
                if (!VARIABLES.contains(c.getName())) {
                    throw new IllegalArgumentException("unknown variable {{" + c.getName() + "}}; known: {{caller_number}}, {{tracking_number}}, {{call_sid}}");
                }
            } else if (!(c instanceof WriteCode) && !(c instanceof CommentCode) && c.getName() != null) {
                // nameless codes are plain text (the compiler ends every template with one); named ones are sections or partials
                throw new IllegalArgumentException("only {{variable}} substitutions are supported, not sections or partials ({{" + c.getName() + "}})");
            }
        }
    }

    public boolean isJson() {
        return json;
    }

    public String contentType() {
        return json ? "application/json" : "text/plain; charset=utf-8";
    }

    /** Renders with the call's values; JSON bodies get JSON-escaped values. */
    public String render(String callerNumber, String trackingNumber, String callSid) {
        Map<String, String> scope = new HashMap<>();
        scope.put("caller_number", escape(callerNumber));
        scope.put("tracking_number", escape(trackingNumber));
        scope.put("call_sid", escape(callSid));
        StringWriter out = new StringWriter();
        mustache.execute(out, scope);
        return out.toString();
    }

    private String escape(String v) {
        if (v == null) return "";
        return json ? jsonEscape(v) : v;
    }

    /** Escapes a string for use inside a JSON string literal (RFC 8259). */
    static String jsonEscape(String s) {
        return Json.escape(s);
    }

    private static String firstLine(String s) {
        if (s == null) return "syntax error";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
