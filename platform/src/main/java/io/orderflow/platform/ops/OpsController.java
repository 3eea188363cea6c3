package io.orderflow.platform.ops;

import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ops API every service serves under {@code /ops} (operators only, see {@link io.orderflow.platform.security.ApiSecurityConfiguration}):
 * event processors, sagas, dead letters and the event store.
 */
@RestController
@RequestMapping("/ops")
public class OpsController {

    private final String service;
    private final ProcessorOps processors;
    private final DeadLetterOps deadLetters;
    private final SagaOps sagas;
    private final EventOps events;
    private final OpsStats stats;
    private final HealthEndpoint health;

    public OpsController(String service, ProcessorOps processors, DeadLetterOps deadLetters, SagaOps sagas,
                         EventOps events, OpsStats stats, HealthEndpoint health) {
        this.health = health;
        this.service = service;
        this.processors = processors;
        this.deadLetters = deadLetters;
        this.sagas = sagas;
        this.events = events;
        this.stats = stats;
    }

    /** Everything a dashboard's overview needs in one call; counters are since this node started. */
    @GetMapping("/overview")
    public Map<String, Object> overview() {
        List<ProcessorOps.ProcessorStatus> all = processors.list();
        Map<String, Object> overview = new LinkedHashMap<>();
        overview.put("service", service);
        overview.put("time", Instant.now());
        Map<String, String> checks = new LinkedHashMap<>();
        for (String component : List.of("db", "kafka")) {
            HealthDescriptor result = health == null ? null : health.healthForPath(component);
            if (result != null) {
                checks.put(component, result.getStatus().getCode());
            }
        }
        overview.put("checks", checks);
        overview.put("commandsHandled", stats.commandsHandled());
        overview.put("commandsFailed", stats.commandsFailed());
        overview.put("requestsRefused", stats.requestsRefused());
        overview.put("eventsHandled", stats.eventsHandled());
        overview.put("eventsAppended", events.head() + 1);
        overview.put("processors", all.size());
        overview.put("processorsRunning", all.stream().filter(ProcessorOps.ProcessorStatus::running).count());
        overview.put("processorsInError", all.stream().filter(ProcessorOps.ProcessorStatus::error).count());
        overview.put("deadLetters", deadLetters.count());
        overview.put("activeSagas", sagas.activeByType());
        overview.put("aggregatesByLastEvent", events.aggregatesByLastEvent());
        return overview;
    }

    @GetMapping("/processors")
    public List<ProcessorOps.ProcessorStatus> processors() {
        return processors.list();
    }

    @GetMapping("/processors/{name}")
    public ProcessorOps.ProcessorStatus processor(@PathVariable String name) {
        return processors.find(name).orElseThrow(() -> new OpsNotFoundException("No event processor " + name));
    }

    @PostMapping("/processors/{name}/pause")
    public ProcessorOps.ProcessorStatus pause(@PathVariable String name) {
        processors.pause(name);
        return processor(name);
    }

    @PostMapping("/processors/{name}/start")
    public ProcessorOps.ProcessorStatus start(@PathVariable String name) {
        processors.start(name);
        return processor(name);
    }

    @PostMapping("/processors/{name}/replay")
    public ProcessorOps.ProcessorStatus replay(@PathVariable String name) {
        processors.replay(name);
        return processor(name);
    }

    @PostMapping("/processors/{name}/segments/{segmentId}/split")
    public Map<String, Object> split(@PathVariable String name, @PathVariable int segmentId) {
        return Map.of("processor", name, "segment", segmentId, "split", processors.split(name, segmentId));
    }

    @PostMapping("/processors/{name}/segments/{segmentId}/merge")
    public Map<String, Object> merge(@PathVariable String name, @PathVariable int segmentId) {
        return Map.of("processor", name, "segment", segmentId, "merged", processors.merge(name, segmentId));
    }

    /** Active sagas by type; with {@code associationValue} (e.g. an order id) the matching sagas in full. */
    @GetMapping("/sagas")
    public Object sagas(@RequestParam(required = false) String associationValue,
                        @RequestParam(required = false) String associationKey,
                        @RequestParam(defaultValue = "false") boolean list,
                        @RequestParam(defaultValue = "50") int limit) {
        if (associationValue != null && !associationValue.isBlank()) {
            return sagas.search(associationValue.trim(), associationKey);
        }
        if (list) {
            return sagas.list(limit);
        }
        return Map.of("activeByType", sagas.activeByType());
    }

    @GetMapping("/sagas/{sagaId}")
    public SagaOps.Saga saga(@PathVariable String sagaId) {
        return sagas.find(sagaId).orElseThrow(() -> new OpsNotFoundException("No saga " + sagaId));
    }

    @GetMapping("/dead-letters")
    public List<DeadLetterOps.Letter> deadLetters(@RequestParam(required = false) String processingGroup) {
        return deadLetters.list(processingGroup);
    }

    @GetMapping("/dead-letters/{id}")
    public DeadLetterOps.Letter deadLetter(@PathVariable String id) {
        return deadLetters.find(id).orElseThrow(() -> new OpsNotFoundException("No dead letter " + id));
    }

    @PostMapping("/dead-letters/{id}/retry")
    public DeadLetterOps.Retry retry(@PathVariable String id) {
        return deadLetters.retry(id);
    }

    @DeleteMapping("/dead-letters/{id}")
    public ResponseEntity<Void> evict(@PathVariable String id) {
        deadLetters.evict(id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/dead-letters/{id}/evict")
    public ResponseEntity<Void> evictByPost(@PathVariable String id) {
        return evict(id);
    }

    @GetMapping("/aggregates/{id}/events")
    public List<EventOps.StoredEvent> aggregateEvents(@PathVariable String id) {
        return events.ofAggregate(id);
    }

    /** With {@code mentioning}: the events of that aggregate or naming that id; without: the newest events. */
    @GetMapping("/events")
    public List<EventOps.StoredEvent> events(@RequestParam(required = false) String mentioning,
                                             @RequestParam(defaultValue = "20") int limit) {
        if (mentioning != null && !mentioning.isBlank()) {
            return events.mentioning(mentioning.trim());
        }
        return events.recent(limit);
    }

    @ExceptionHandler(OpsNotFoundException.class)
    public ResponseEntity<ProblemDetail> notFound(OpsNotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                             .body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage()));
    }

    @ExceptionHandler(OpsConflictException.class)
    public ResponseEntity<ProblemDetail> conflict(OpsConflictException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT)
                             .body(ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage()));
    }
}
