package dev.hookline.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookline.testing.Receiver;
import dev.hookline.testing.TestHub;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The served OpenAPI document: valid OpenAPI 3.1, the same routes as the started hub's real route
 * table, and real answers (status, content type, every field with its type) as it describes them.
 */
class OpenApiTest {
    private static final String ADMIN = "admin_key_for_the_openapi_test";

    @TempDir Path dir;
    TestHub hub;
    JsonNode doc;

    @BeforeEach
    void start() {
        hub = TestHub.start(dir, Clock.systemUTC(), cfg -> cfg.with("HOOKLINE_ADMIN_KEY", ADMIN)); // the admin routes exist only then
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
        assertThat(api.getInfo().getVersion()).isEqualTo(dev.hookline.config.Version.get());
        assertThat(api.getComponents().getSecuritySchemes()).containsKeys("bearerAuth", "adminKey", "twilioSignature");
        api.getPaths().forEach((path, item) -> operations(item).forEach((method, op) -> {
            String where = method + " " + path;
            assertThat(op.getResponses()).as(where).isNotEmpty();
            assertThat(op.getResponses().keySet()).as(where + " has an answer").anyMatch(c -> c.startsWith("2"));
            boolean open = op.getSecurity() != null && op.getSecurity().isEmpty();
            boolean twilio = path.startsWith("/twilio/");
            assertThat(twilio).as(where + " is signed by Twilio").isEqualTo(op.getSecurity() != null && !open
                    && op.getSecurity().get(0).containsKey("twilioSignature"));
            if (twilio) assertThat(op.getResponses()).as(where + " documents 403").containsKey("403");
            else if (!open) assertThat(op.getResponses()).as(where + " documents 401").containsKey("401");
            if (method.equals("POST") || method.equals("PUT")) {
                boolean bodyless = path.endsWith("/test") || path.endsWith("/redeliver") || path.endsWith("/rotate-secret");
                assertThat(op.getRequestBody() != null).as(where + " documents its request body").isEqualTo(!bodyless);
            }
            if (op.getRequestBody() != null && !twilio && !path.equals("/api/v1/voice/inbound")) {
                assertThat(op.getResponses()).as(where + " documents 400, 413 and 415").containsKeys("400", "413", "415");
            }
            if (!open && !method.equals("GET") && !path.equals("/api/v1/voice/inbound") && !path.equals("/twilio/voice")) {
                assertThat(op.getResponses()).as(where + " writes: documents 503").containsKey("503");
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
        assertThat(real).contains("GET /health", "POST /api/v1/calls", "GET /api/v1/openapi.json", "POST /api/v1/admin/businesses",
                "POST /twilio/voice", "GET /metrics");
        assertThat(documented).as("routes documented but not served").isSubsetOf(real);
        assertThat(real).as("routes served but not documented").isSubsetOf(documented);
    }

    @Test
    void realAnswersAreDocumented() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            String flowBody = """
                    {"name": "Ads", "tracking_numbers": ["+15735550001"],
                     "post_call_webhook": {"enabled": true, "url": "%s", "headers": {"X-Api-Key": "sk_live_0123456789wxyz"},
                       "events": ["call.completed"], "filter": {"min_duration_seconds": 0}},
                     "steps": [{"type": "say", "message": "hi"}, {"type": "forward", "destination": "+13055554567"}]}"""
                    .formatted(receiver.url("/hook"));
            TestHub.Reply flow = answer("post", "/api/v1/call-flows", hub.post("/api/v1/call-flows", flowBody), 201);
            String flowId = flow.json().get("id").asText();
            String flowPath = "/api/v1/call-flows/" + flowId;
            answer("get", "/api/v1/call-flows", hub.get("/api/v1/call-flows"), 200);
            answer("get", "/api/v1/call-flows/{id}", hub.get(flowPath), 200);
            answer("put", "/api/v1/call-flows/{id}", hub.put(flowPath, flowBody), 200);
            answer("put", "/api/v1/call-flows/{id}", hub.put(flowPath, "{\"name\": \"x\", \"colour\": 1}"), 400);
            answer("post", "/api/v1/call-flows", hub.post("/api/v1/call-flows", flowBody), 409);

            answer("post", "/api/v1/calls", report("c-1", "completed"), 201);
            answer("post", "/api/v1/calls", report("c-1", "completed"), 200);
            TestHub.Reply skipped = answer("post", "/api/v1/calls", report("c-2", "busy"), 201);
            assertThat(skipped.json().get("skipped").asText()).contains("call.missed");
            answer("get", "/api/v1/calls/{id}", hub.get("/api/v1/calls/c-1"), 200);
            answer("get", "/api/v1/calls/{id}", hub.get("/api/v1/calls/nope"), 404);
            answer("post", "/api/v1/calls/{id}/analysis", hub.post("/api/v1/calls/c-1/analysis", "{\"ai_score\": 80}"), 200);
            answer("post", "/api/v1/voice/inbound", hub.post("/api/v1/voice/inbound",
                    "{\"From\": \"+13055559876\", \"To\": \"+15735550001\", \"CallSid\": \"CA1\"}"), 200);

            answer("post", "/api/v1/call-flows/{id}/post-call-webhook/test", hub.post(flowPath + "/post-call-webhook/test", ""), 200);
            answer("post", "/api/v1/call-flows/{id}/post-call-webhook/rotate-secret", hub.post(flowPath + "/post-call-webhook/rotate-secret", ""), 200);
            TestHub.Reply page = answer("get", "/api/v1/webhook-deliveries", hub.get("/api/v1/webhook-deliveries"), 200);
            answer("get", "/api/v1/webhook-deliveries", hub.get("/api/v1/webhook-deliveries?limit=0"), 400);
            String deliveryId = report("c-3", "completed").json().get("delivery_id").asText();
            hub.awaitDelivery(deliveryId, d -> !d.get("status").asText().equals("pending"), java.time.Duration.ofSeconds(15));
            answer("get", "/api/v1/webhook-deliveries/{id}", hub.get("/api/v1/webhook-deliveries/" + deliveryId), 200);
            answer("post", "/api/v1/webhook-deliveries/{id}/redeliver", hub.post("/api/v1/webhook-deliveries/" + deliveryId + "/redeliver", ""), 202);
            String testDelivery = page.json().get("data").get(0).get("delivery_id").asText();
            answer("post", "/api/v1/webhook-deliveries/{id}/redeliver", hub.post("/api/v1/webhook-deliveries/" + testDelivery + "/redeliver", ""), 422);
            answer("post", "/api/v1/webhook-deliveries/recover", hub.post("/api/v1/webhook-deliveries/recover",
                    "{\"since\": \"2020-01-01T00:00:00Z\"}"), 202);

            answer("get", "/api/v1/connectors", hub.get("/api/v1/connectors"), 200);
            answer("get", "/api/v1/connectors/sheets/apps-script", hub.get("/api/v1/connectors/sheets/apps-script?call_flow_id=" + flowId), 200);
            TestHub.Reply key = answer("post", "/api/v1/api-keys", hub.post("/api/v1/api-keys", "{\"name\": \"ci\"}"), 201);
            answer("get", "/api/v1/api-keys", hub.get("/api/v1/api-keys"), 200);
            answer("delete", "/api/v1/api-keys/{id}", hub.delete("/api/v1/api-keys/" + key.json().get("id").asText()), 204);
            answer("put", "/api/v1/settings/twilio", hub.put("/api/v1/settings/twilio", "{\"auth_token\": \"0123456789abcdef\"}"), 200);
            answer("get", "/api/v1/settings/twilio", hub.get("/api/v1/settings/twilio"), 200);
            answer("post", "/api/v1/admin/businesses", hub.as(ADMIN).post("/api/v1/admin/businesses", "{\"name\": \"Acme\"}"), 201);
            answer("post", "/api/v1/admin/businesses", hub.post("/api/v1/admin/businesses", "{\"name\": \"Acme\"}"), 401);
            answer("get", "/api/v1/call-flows", hub.as(null).get("/api/v1/call-flows"), 401);
            answer("post", "/twilio/voice", hub.as(null).send(HttpRequest.newBuilder(URI.create(hub.base() + "/twilio/voice"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("CallSid=CA2&From=%2B13055559876&To=%2B15735550001"))), 403);
            answer("get", "/metrics", hub.as(null).get("/metrics"), 200);
            answer("get", "/health", hub.as(null).get("/health"), 200);
            answer("delete", "/api/v1/call-flows/{id}", hub.delete(flowPath), 204);
        }
    }

    /** Reports an ended call to the flow of the test (its filter wants a duration). */
    private TestHub.Reply report(String callId, String status) {
        return hub.post("/api/v1/calls", """
                {"call_id": "%s", "tracking_number": "+15735550001", "caller_number": "+13055559876", "status": "%s",
                 "duration_seconds": 30}""".formatted(callId, status));
    }

    /** {@code reply} has {@code status}, which the operation documents, with a documented content type and a body its schema describes. */
    private TestHub.Reply answer(String method, String path, TestHub.Reply reply, int status) {
        String where = method.toUpperCase() + " " + path + " " + status;
        assertThat(reply.status()).as(where + ": " + reply.body()).isEqualTo(status);
        JsonNode op = doc.path("paths").path(path).path(method);
        assertThat(op.isMissingNode()).as(where + " is documented").isFalse();
        JsonNode response = resolve(op.path("responses").path(Integer.toString(status)));
        assertThat(response.isMissingNode()).as(where + " is a documented answer").isFalse();
        if (response.path("headers").has("Retry-After")) {
            assertThat(reply.headers().firstValue("Retry-After")).as(where + " carries Retry-After").isPresent();
        }
        if (reply.body().isEmpty()) {
            assertThat(response.has("content")).as(where + " has no body").isFalse();
            return reply;
        }
        String type = reply.headers().firstValue("Content-Type").orElse("").split(";")[0].trim();
        List<String> documented = new ArrayList<>();
        response.path("content").fieldNames().forEachRemaining(t -> documented.add(t.split(";")[0].trim()));
        assertThat(documented).as(where + " content type").contains(type);
        if (type.equals("application/json")) {
            JsonNode schema = response.path("content").path("application/json").path("schema");
            check(where, schema, reply.json());
        }
        return reply;
    }

    /** Every key of {@code value} (and of the objects in its arrays) is a property of the schema, of its type and in its enum. */
    private void check(String where, JsonNode given, JsonNode value) {
        JsonNode schema = resolve(given);
        checkType(where, schema, value);
        if (value.isObject() && schema.has("properties")) {
            JsonNode props = schema.get("properties");
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                assertThat(props.has(f.getKey())).as(where + "." + f.getKey() + " is documented").isTrue();
                check(where + "." + f.getKey(), props.get(f.getKey()), f.getValue());
            }
            schema.path("required").forEach(req -> assertThat(value.has(req.asText())).as(where + " has required " + req).isTrue());
        } else if (value.isObject() && schema.path("additionalProperties").isObject()) {
            value.fields().forEachRemaining(f -> check(where + "." + f.getKey(), schema.get("additionalProperties"), f.getValue()));
        } else if (value.isArray() && schema.has("items")) {
            for (JsonNode v : value) check(where + "[]", schema.get("items"), v);
        }
    }

    private static void checkType(String where, JsonNode schema, JsonNode value) {
        JsonNode type = schema.get("type");
        if (type != null) {
            List<String> allowed = new ArrayList<>();
            if (type.isArray()) type.forEach(t -> allowed.add(t.asText()));
            else allowed.add(type.asText());
            String actual = value.isNull() ? "null" : value.isBoolean() ? "boolean" : value.isIntegralNumber() ? "integer"
                    : value.isNumber() ? "number" : value.isTextual() ? "string" : value.isArray() ? "array" : "object";
            boolean ok = allowed.contains(actual) || (actual.equals("integer") && allowed.contains("number"));
            assertThat(ok).as(where + " is " + actual + " (" + value + "), documented as " + allowed).isTrue();
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode e : schema.get("enum")) listed |= e.equals(value);
            assertThat(listed).as(where + " = " + value + " is one of " + schema.get("enum")).isTrue();
        }
    }

    /** Follows a local {@code $ref} (to a schema or a response). */
    private JsonNode resolve(JsonNode node) {
        while (node.has("$ref")) node = doc.at(node.get("$ref").asText().substring(1));
        return node;
    }

    private static Map<String, Operation> operations(PathItem item) {
        Map<String, Operation> out = new LinkedHashMap<>();
        item.readOperationsMap().forEach((m, op) -> out.put(m.name(), op));
        return out;
    }
}
