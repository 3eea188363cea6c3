package io.orderflow.platform.ops;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.ByteArrayInputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sagas alive in this service's saga store, found by any association value (an order id, say), each with its
 * state and the deadlines scheduled for it in the persistent deadline manager (db-scheduler's table).
 */
public class SagaOps {

    private static final int LIMIT = 200;
    private static final ObjectInputFilter DEADLINE_DETAILS = ObjectInputFilter.Config.createFilter(
            "org.axonframework.deadline.dbscheduler.*;java.lang.*;[B;maxdepth=5;!*");

    private final JdbcTemplate jdbc;
    private final ObjectMapper objectMapper;

    public SagaOps(JdbcTemplate jdbc, ObjectMapper objectMapper) {
        this.jdbc = jdbc;
        this.objectMapper = objectMapper;
    }

    public record Deadline(String name, Instant dueAt, String taskInstance) {
    }

    public record Saga(String sagaId, String sagaType, Map<String, List<String>> associations, JsonNode state,
                       List<Deadline> deadlines) {
    }

    public Map<String, Long> activeByType() {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.query("SELECT sagatype, count(*) FROM sagaentry GROUP BY sagatype ORDER BY sagatype",
                   rs -> {
                       counts.put(rs.getString(1), rs.getLong(2));
                   });
        return counts;
    }

    /** @param associationKey optional; without it any association with that value matches */
    public List<Saga> search(String associationValue, String associationKey) {
        List<String> ids = associationKey == null || associationKey.isBlank()
                ? jdbc.queryForList("SELECT DISTINCT sagaid FROM associationvalueentry WHERE associationvalue = ? "
                                    + "LIMIT " + LIMIT, String.class, associationValue)
                : jdbc.queryForList("SELECT DISTINCT sagaid FROM associationvalueentry WHERE associationvalue = ? "
                                    + "AND associationkey = ? LIMIT " + LIMIT, String.class, associationValue,
                                    associationKey);
        return ids.stream().map(this::find).flatMap(Optional::stream).toList();
    }

    public List<Saga> list(int limit) {
        return jdbc.queryForList("SELECT sagaid FROM sagaentry ORDER BY sagaid LIMIT ?", String.class,
                                 Math.min(Math.max(limit, 1), LIMIT))
                   .stream().map(this::find).flatMap(Optional::stream).toList();
    }

    public Optional<Saga> find(String sagaId) {
        return jdbc.query("SELECT sagaid, sagatype, serializedsaga FROM sagaentry WHERE sagaid = ?", rs -> {
            if (!rs.next()) {
                return Optional.<Saga>empty();
            }
            Map<String, List<String>> associations = new LinkedHashMap<>();
            jdbc.query("SELECT associationkey, associationvalue FROM associationvalueentry WHERE sagaid = ? "
                       + "ORDER BY associationkey, associationvalue",
                       row -> {
                           associations.computeIfAbsent(row.getString(1), k -> new java.util.ArrayList<>())
                                       .add(row.getString(2));
                       }, sagaId);
            return Optional.of(new Saga(rs.getString(1), rs.getString(2), associations, json(rs.getBytes(3)),
                                        deadlines(sagaId)));
        }, sagaId);
    }

    private List<Deadline> deadlines(String sagaId) {
        try {
            return jdbc.query("SELECT task_instance, execution_time, task_data FROM scheduled_tasks "
                              + "WHERE position(? in task_data) > 0 ORDER BY execution_time",
                              (rs, i) -> new Deadline(deadlineName(rs.getBytes(3)),
                                                      rs.getTimestamp(2).toInstant(), rs.getString(1)),
                              (Object) sagaId.getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private JsonNode json(byte[] bytes) {
        return StoredJson.read(objectMapper, bytes);
    }

    /** Axon's db-scheduler deadline details name the deadline in field {@code d}, stored Java- or JSON-serialized. */
    private String deadlineName(byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            if (data.length > 0 && data[0] == '{') {
                JsonNode node = objectMapper.readTree(data);
                return node.path("d").asString(node.path("deadlineName").asString(null));
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(data))) {
                in.setObjectInputFilter(DEADLINE_DETAILS);
                Object details = in.readObject();
                return (String) details.getClass().getMethod("getD").invoke(details);
            }
        } catch (Exception e) {
            return null;
        }
    }
}
