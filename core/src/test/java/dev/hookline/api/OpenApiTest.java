package dev.hookline.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.testing.Receiver;
import dev.hookline.testing.TestHub;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The served OpenAPI document: valid OpenAPI 3.1, and the same routes as the started hub's real route table. */
class OpenApiTest {
    @TempDir Path dir;
    TestHub hub;
    JsonNode doc;

    @BeforeEach
    void start() {
        hub = TestHub.start(dir);
        TestHub.Reply r = hub.as(null).get("/api/v1/openapi.json"); // no key needed
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        doc = r.json();
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void anOpenApiParserReadsItWithoutAMessage() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(doc.toString(), null, options);
        assertThat(result.getMessages()).isEmpty();
        OpenAPI api = result.getOpenAPI();
        assertThat(api.getOpenapi()).isEqualTo("3.1.0");
        assertThat(api.getInfo().getVersion()).isEqualTo(dev.hookline.Version.get());
        api.getPaths().forEach((path, item) -> operations(item).forEach((method, op) -> {
            String where = method + " " + path;
            assertThat(op.getResponses()).as(where).isNotEmpty();
            assertThat(op.getResponses().keySet()).as(where + " has an answer").anyMatch(c -> c.startsWith("2"));
            boolean open = op.getSecurity() != null && op.getSecurity().isEmpty();
            if (!open) assertThat(op.getResponses()).as(where + " documents 401").containsKey("401");
            if (method.equals("POST") || method.equals("PUT")) {
                boolean bodyless = path.endsWith("/test") || path.endsWith("/redeliver");
                assertThat(op.getRequestBody() != null).as(where + " documents its request body").isEqualTo(!bodyless);
            }
        }));
        assertThat(api.getComponents().getSchemas()).containsKey("Error");
    }

    @Test
    void everyRouteOfTheHubIsDocumentedAndEveryDocumentedRouteIsReal() {
        Set<String> real = new TreeSet<>();
        for (String route : hub.app().routes()) {
            String path = route.substring(route.indexOf(' ') + 1);
            if (path.startsWith("/api/v1/") || path.equals("/health") || path.startsWith("/twilio/") || path.equals("/metrics")) {
                real.add(route);
            }
        }
        Set<String> documented = new TreeSet<>();
        doc.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> {
            if (!m.equals("parameters")) documented.add(m.toUpperCase() + " " + p.getKey());
        }));
        assertThat(real).contains("GET /health", "POST /api/v1/calls", "GET /api/v1/openapi.json");
        assertThat(documented).as("routes documented but not served").isSubsetOf(real);
        assertThat(real).as("routes served but not documented").isSubsetOf(documented);
    }

    @Test
    void realAnswersCarryOnlyDocumentedFields() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            TestHub.Reply flow = hub.post("/api/v1/call-flows", """
                    {"name": "Ads", "tracking_numbers": ["+15735550001"],
                     "post_call_webhook": {"enabled": true, "url": "%s"},
                     "steps": [{"type": "say", "message": "hi"}, {"type": "forward", "destination": "+13055554567"}]}"""
                    .formatted(receiver.url("/hook")));
            assertThat(flow.status()).as(flow.body()).isEqualTo(201);
            assertDocumented("CallFlow", flow.json());
            String flowId = flow.json().get("id").asText();
            assertDocumented("CallFlowList", hub.get("/api/v1/call-flows").json());
            TestHub.Reply call = hub.post("/api/v1/calls", """
                    {"call_id": "c-1", "tracking_number": "+15735550001", "caller_number": "+13055559876", "status": "completed"}""");
            assertThat(call.status()).as(call.body()).isEqualTo(201);
            assertDocumented("CallCreated", call.json());
            assertDocumented("Call", hub.get("/api/v1/calls/c-1").json());
            assertDocumented("TestResult", hub.post("/api/v1/call-flows/" + flowId + "/post-call-webhook/test", "").json());
            JsonNode page = hub.get("/api/v1/webhook-deliveries").json();
            assertDocumented("DeliveryPage", page);
            assertDocumented("Delivery", hub.get("/api/v1/webhook-deliveries/" + page.get("data").get(0).get("delivery_id").asText()).json());
            assertDocumented("ConnectorList", hub.get("/api/v1/connectors").json());
            assertDocumented("Error", hub.get("/api/v1/calls/nope").json());
        }
    }

    /** Every key of {@code answer} (and of the objects in its arrays) is a property of the schema. */
    private void assertDocumented(String schemaName, JsonNode answer) {
        JsonNode schema = doc.at("/components/schemas/" + schemaName);
        assertThat(schema.isMissingNode()).as(schemaName).isFalse();
        check(schemaName, schema, answer);
    }

    private void check(String where, JsonNode schema, JsonNode value) {
        if (schema.has("$ref")) schema = doc.at(schema.get("$ref").asText().substring(1));
        if (value.isObject() && schema.has("properties")) {
            JsonNode props = schema.get("properties");
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                assertThat(props.has(f.getKey())).as(where + "." + f.getKey() + " is documented").isTrue();
                check(where + "." + f.getKey(), props.get(f.getKey()), f.getValue());
            }
            schema.path("required").forEach(req -> assertThat(value.has(req.asText())).as(where + " has required " + req).isTrue());
        } else if (value.isArray() && schema.has("items")) {
            for (JsonNode v : value) check(where + "[]", schema.get("items"), v);
        }
    }

    private static Map<String, Operation> operations(PathItem item) {
        Map<String, Operation> out = new java.util.LinkedHashMap<>();
        item.readOperationsMap().forEach((m, op) -> out.put(m.name(), op));
        return out;
    }
}
