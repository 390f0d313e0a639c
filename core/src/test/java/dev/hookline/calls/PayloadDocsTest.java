package dev.hookline.calls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.model.CallFields;
import dev.hookline.plugins.CallEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/payload.md names every payload field in order, and every field a call report may carry. */
class PayloadDocsTest {

    @Test
    void thePayloadTableListsTheFieldsInOrder() throws Exception {
        String doc = Files.readString(docs().resolve("payload.md"));
        String table = doc.substring(doc.indexOf("## The post-call payload"), doc.indexOf("## `POST /api/v1/calls`"));
        Matcher m = Pattern.compile("(?m)^\\| `([a-z_]+)` \\|").matcher(table);
        List<String> rows = new java.util.ArrayList<>();
        while (m.find()) rows.add(m.group(1));
        assertThat(rows).containsExactlyElementsOf(CallEvent.FIELDS);
    }

    @Test
    void theReportTableNamesEveryFieldACallReportTakes() throws Exception {
        String doc = Files.readString(docs().resolve("payload.md"));
        String table = doc.substring(doc.indexOf("## `POST /api/v1/calls`"), doc.indexOf("## What the Test button sends"));
        for (String key : CallFields.DETAILS.keySet()) assertThat(table).contains("`" + key + "`");
        for (String key : List.of("call_id", "call_flow_id", "tracking_number", "caller_number", "status", "created_at", "ai_processed")) {
            assertThat(table).contains("| `" + key + "` |");
        }
        for (String key : CallFields.COMPUTED) assertThat(table).contains("`" + key + "`");
    }

    private static Path docs() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("docs"))) p = p.getParent();
        if (p == null) throw new AssertionError("docs/ not found");
        return p.resolve("docs");
    }
}
