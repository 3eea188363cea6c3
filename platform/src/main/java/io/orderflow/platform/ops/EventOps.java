package io.orderflow.platform.ops;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads this service's event store for diagnosis, straight from its table: the events are Jackson JSON, so no
 * payload class is needed to show them.
 */
public class EventOps {

    private static final int MAX = 1000;
    /** Axon's metadata key for the id of the message that caused this one. */
    private static final String CORRELATION_ID = "correlationId";

    private final JdbcTemplate jdbc;
    private final ObjectMapper objectMapper;

    public EventOps(JdbcTemplate jdbc, ObjectMapper objectMapper) {
        this.jdbc = jdbc;
        this.objectMapper = objectMapper;
    }

    public record StoredEvent(long globalIndex, String aggregateType, String aggregateId, long sequenceNumber,
                              String eventType, String eventId, String timestamp, String traceId,
                              String correlationId, JsonNode payload, JsonNode metaData) {
    }

    private final RowMapper<StoredEvent> rows = (rs, i) -> {
        JsonNode metaData = json(rs.getBytes("metadata"));
        return new StoredEvent(rs.getLong("globalindex"), rs.getString("type"), rs.getString("aggregateidentifier"),
                               rs.getLong("sequencenumber"), rs.getString("payloadtype"),
                               rs.getString("eventidentifier"), rs.getString("timestamp"),
                               TraceIds.fromTraceparent(text(metaData, TraceIds.TRACEPARENT)), text(metaData, CORRELATION_ID),
                               json(rs.getBytes("payload")), metaData);
    };

    private static final String COLUMNS = "SELECT globalindex, type, aggregateidentifier, sequencenumber, "
                                          + "payloadtype, eventidentifier, timestamp, metadata, payload "
                                          + "FROM domainevententry ";

    /** The event stream of one aggregate, in order. */
    public List<StoredEvent> ofAggregate(String aggregateId) {
        return jdbc.query(COLUMNS + "WHERE aggregateidentifier = ? ORDER BY sequencenumber LIMIT " + MAX, rows,
                          aggregateId);
    }

    /**
     * Every event that is of the aggregate with this id or names it as a value in its payload (an order id in a
     * payment's or a stock item's events), in store order: one context's part of a journey.
     */
    public List<StoredEvent> mentioning(String id) {
        byte[] quoted = ("\"" + id + "\"").getBytes(StandardCharsets.UTF_8);
        return jdbc.query(COLUMNS + "WHERE aggregateidentifier = ? OR position(? in payload) > 0 "
                          + "ORDER BY globalindex LIMIT " + MAX, rows, id, quoted);
    }

    public List<StoredEvent> recent(int limit) {
        return jdbc.query(COLUMNS + "ORDER BY globalindex DESC LIMIT ?", rows, Math.min(Math.max(limit, 1), MAX));
    }

    /** @return the newest global index, i.e. how many events this service has appended (-1 if none) */
    public long head() {
        Long head = jdbc.queryForObject("SELECT max(globalindex) FROM domainevententry", Long.class);
        return head == null ? -1 : head;
    }

    /**
     * Per aggregate type, how many aggregates have which event as their newest one: for an order, its status.
     */
    public Map<String, Map<String, Long>> aggregatesByLastEvent() {
        Map<String, Map<String, Long>> result = new TreeMap<>();
        jdbc.query("SELECT type, payloadtype, count(*) FROM (SELECT DISTINCT ON (aggregateidentifier) type, "
                   + "payloadtype FROM domainevententry ORDER BY aggregateidentifier, sequencenumber DESC) latest "
                   + "GROUP BY type, payloadtype", rs -> {
            result.computeIfAbsent(rs.getString(1), t -> new LinkedHashMap<>())
                  .put(simpleName(rs.getString(2)), rs.getLong(3));
        });
        return result;
    }

    private static String simpleName(String type) {
        return type == null ? null : type.substring(type.lastIndexOf('.') + 1);
    }

    private static String text(JsonNode node, String field) {
        return node == null || !node.hasNonNull(field) ? null : node.get(field).asString();
    }

    private JsonNode json(byte[] bytes) {
        return StoredJson.read(objectMapper, bytes);
    }
}
