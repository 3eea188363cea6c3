package io.orderflow.platform.ops;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** The end offsets of the partitions a Kafka-fed processor reads, to tell how many records it is behind. */
public class KafkaOffsets implements AutoCloseable {

    private final String bootstrapServers;
    private Admin admin;

    public KafkaOffsets(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * @param positions the offset of the last record handled per partition (a Kafka tracking token's positions)
     * @return records not handled yet over all those partitions, or null if the broker does not answer
     */
    public Long lag(Map<TopicPartition, Long> positions) {
        if (positions.isEmpty()) {
            return null;
        }
        try {
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                    admin().listOffsets(positions.keySet().stream()
                                                 .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                           .all().get(3, TimeUnit.SECONDS);
            long lag = 0;
            for (Map.Entry<TopicPartition, Long> position : positions.entrySet()) {
                lag += Math.max(0, ends.get(position.getKey()).offset() - position.getValue() - 1);
            }
            return lag;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return null;
        }
    }

    /** @return how many brokers answer, within 2 s; throws if none does */
    public int brokers() throws Exception {
        return admin().describeCluster().nodes().get(2, TimeUnit.SECONDS).size();
    }

    private synchronized Admin admin() {
        if (admin == null) {
            Map<String, Object> config = new HashMap<>();
            config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
            config.put(AdminClientConfig.CLIENT_ID_CONFIG, "orderflow-ops");
            admin = Admin.create(config);
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close();
        }
    }
}
