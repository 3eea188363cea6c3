package io.orderflow.loadgen;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** End offsets of the three event topics: their differences count the messages published in between. */
final class KafkaOffsets implements AutoCloseable {

    static final List<String> TOPICS = List.of("orders-events", "payments-events", "fulfillment-events");

    private final Admin admin;

    KafkaOffsets(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "load-generator");
        this.admin = Admin.create(props);
    }

    Map<String, Long> endOffsets() {
        try {
            Map<String, Long> totals = new LinkedHashMap<>();
            var descriptions = admin.describeTopics(TOPICS).allTopicNames().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            descriptions.forEach((topic, d) -> d.partitions()
                                                 .forEach(p -> request.put(new TopicPartition(topic, p.partition()),
                                                                           OffsetSpec.latest())));
            var offsets = admin.listOffsets(request).all().get(30, TimeUnit.SECONDS);
            for (String topic : TOPICS) {
                totals.put(topic, 0L);
            }
            offsets.forEach((tp, info) -> totals.merge(tp.topic(), info.offset(), Long::sum));
            return totals;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read end offsets: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
