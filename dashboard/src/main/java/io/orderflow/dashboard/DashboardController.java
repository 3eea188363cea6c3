package io.orderflow.dashboard;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The page's data: the services' ops APIs gathered across services. */
@RestController
@RequestMapping("/api")
public class DashboardController {

    private static final Set<String> PROCESSOR_ACTIONS = Set.of("pause", "start", "replay");
    private static final Set<String> SEGMENT_ACTIONS = Set.of("split", "merge");

    private final OpsClient ops;
    private final ObjectMapper objectMapper;

    public DashboardController(OpsClient ops, ObjectMapper objectMapper) {
        this.ops = ops;
        this.objectMapper = objectMapper;
    }

    /** Per service: its health and its ops overview (counters, dead letters, sagas, aggregates by last event). */
    @GetMapping("/overview")
    public ObjectNode overview() {
        ObjectNode result = objectMapper.createObjectNode();
        Map<String, JsonNode> health = ops.getAll("/actuator/health");
        Map<String, JsonNode> overview = ops.getAll("/ops/overview");
        for (String service : ops.services()) {
            ObjectNode node = result.putObject(service);
            JsonNode h = health.get(service);
            node.put("health", h.has("status") ? h.get("status").asString() : "DOWN");
            node.set("healthDetails", h.path("components"));
            node.set("ops", overview.get(service));
        }
        return result;
    }

    @GetMapping("/processors")
    public Map<String, JsonNode> processors() {
        return ops.getAll("/ops/processors");
    }

    @PostMapping("/services/{service}/processors/{name}/{action}")
    public ResponseEntity<JsonNode> processorAction(@PathVariable String service, @PathVariable String name,
                                                    @PathVariable String action) {
        if (!PROCESSOR_ACTIONS.contains(action)) {
            return ResponseEntity.badRequest().build();
        }
        return answer(ops.post(service, "/ops/processors/" + segment(name) + "/" + action));
    }

    @PostMapping("/services/{service}/processors/{name}/segments/{segmentId}/{action}")
    public ResponseEntity<JsonNode> segmentAction(@PathVariable String service, @PathVariable String name,
                                                  @PathVariable int segmentId, @PathVariable String action) {
        if (!SEGMENT_ACTIONS.contains(action)) {
            return ResponseEntity.badRequest().build();
        }
        return answer(ops.post(service, "/ops/processors/" + segment(name) + "/segments/" + segmentId + "/" + action));
    }

    /** Without {@code orderId}: active sagas by type per service; with it: the sagas associated with that order. */
    @GetMapping("/sagas")
    public JsonNode sagas(@RequestParam(required = false) String orderId) {
        if (orderId == null || orderId.isBlank()) {
            return objectMapper.valueToTree(ops.getAll("/ops/sagas"));
        }
        ArrayNode found = objectMapper.createArrayNode();
        ops.getAll("/ops/sagas?associationValue=" + query(orderId.trim())).forEach((service, sagas) -> {
            if (sagas.isArray()) {
                sagas.forEach(saga -> found.add(((ObjectNode) saga).put("service", service)));
            }
        });
        return found;
    }

    @GetMapping("/dead-letters")
    public ObjectNode deadLetters() {
        ObjectNode result = objectMapper.createObjectNode();
        ArrayNode letters = result.putArray("letters");
        ObjectNode errors = result.putObject("errors");
        ops.getAll("/ops/dead-letters").forEach((service, list) -> {
            if (list.isArray()) {
                list.forEach(letter -> letters.add(((ObjectNode) letter).put("service", service)));
            } else {
                errors.set(service, list.path("error"));
            }
        });
        return result;
    }

    @PostMapping("/services/{service}/dead-letters/{id}/retry")
    public ResponseEntity<JsonNode> retry(@PathVariable String service, @PathVariable String id) {
        return answer(ops.post(service, "/ops/dead-letters/" + segment(id) + "/retry"));
    }

    @PostMapping("/services/{service}/dead-letters/{id}/evict")
    public ResponseEntity<JsonNode> evict(@PathVariable String service, @PathVariable String id) {
        return answer(ops.post(service, "/ops/dead-letters/" + segment(id) + "/evict"));
    }

    /** Every event about the order in every context's event store, in time order, each with its trace id. */
    @GetMapping("/journey/{orderId}")
    public ObjectNode journey(@PathVariable String orderId) {
        ObjectNode result = objectMapper.createObjectNode();
        result.put("orderId", orderId);
        List<ObjectNode> events = new ArrayList<>();
        ObjectNode errors = result.putObject("errors");
        ops.getAll("/ops/events?mentioning=" + query(orderId)).forEach((service, list) -> {
            if (list.isArray()) {
                list.forEach(event -> events.add(((ObjectNode) event).put("service", service)));
            } else {
                errors.set(service, list.path("error"));
            }
        });
        events.sort(Comparator.comparing((ObjectNode e) -> instant(e.path("timestamp").asString()))
                              .thenComparing(e -> e.path("service").asString())
                              .thenComparingLong(e -> e.path("globalIndex").asLong()));
        ArrayNode array = result.putArray("events");
        events.forEach(array::add);
        return result;
    }

    @GetMapping("/events/recent")
    public JsonNode recent(@RequestParam(defaultValue = "10") int limit) {
        List<ObjectNode> events = new ArrayList<>();
        ops.getAll("/ops/events?limit=" + limit).forEach((service, list) -> {
            if (list.isArray()) {
                list.forEach(event -> events.add(((ObjectNode) event).put("service", service)));
            }
        });
        events.sort(Comparator.comparing((ObjectNode e) -> instant(e.path("timestamp").asString())).reversed());
        ArrayNode array = objectMapper.createArrayNode();
        events.stream().limit(Math.max(1, limit)).forEach(array::add);
        return array;
    }

    private static ResponseEntity<JsonNode> answer(JsonNode body) {
        if (body.has("error")) {
            int status = body.path("status").asInt(502);
            return ResponseEntity.status(status).body(body);
        }
        return ResponseEntity.ok(body);
    }

    private static java.time.Instant instant(String timestamp) {
        try {
            return java.time.Instant.parse(timestamp);
        } catch (RuntimeException e) {
            return java.time.Instant.EPOCH;
        }
    }

    private static String segment(String value) {
        return UriUtils.encodePathSegment(value, StandardCharsets.UTF_8);
    }

    private static String query(String value) {
        return UriUtils.encodeQueryParam(value, StandardCharsets.UTF_8);
    }
}
