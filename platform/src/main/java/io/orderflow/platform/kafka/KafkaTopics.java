package io.orderflow.platform.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Creates the event topics that do not exist yet, waiting for the broker if it is still starting. Runs when the
 * application context is built, so before any event processor starts.
 */
public class KafkaTopics {

    private static final Logger log = LoggerFactory.getLogger(KafkaTopics.class);

    private final List<String> names;

    public KafkaTopics(String bootstrapServers, OrderflowKafkaProperties properties) {
        this.names = List.copyOf(properties.topics());
        Instant giveUp = Instant.now().plus(properties.startupTimeout());
        while (true) {
            try {
                create(bootstrapServers, properties);
                return;
            } catch (RuntimeException e) {
                if (Instant.now().isAfter(giveUp)) {
                    throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer within "
                                                            + properties.startupTimeout() + ": " + e.getMessage(), e);
                }
                log.warn("Kafka at {} is not ready yet ({}); retrying", bootstrapServers, e.getMessage());
                sleep(Duration.ofSeconds(1));
            }
        }
    }

    /** @return the names of the topics this service made sure exist */
    public List<String> names() {
        return names;
    }

    private void create(String bootstrapServers, OrderflowKafkaProperties properties) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                                               AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                                               AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000))) {
            Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            List<NewTopic> missing = names.stream()
                                          .filter(name -> !existing.contains(name))
                                          .map(name -> new NewTopic(name, properties.partitions(),
                                                                    properties.replicationFactor()))
                                          .toList();
            for (var result : admin.createTopics(missing).values().entrySet()) {
                try {
                    result.getValue().get(10, TimeUnit.SECONDS);
                    log.info("Created Kafka topic {}", result.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            requireLeaders(admin, names);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating Kafka topics", e);
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * Fails unless every partition's leader answers for its end offset (the constructor retries): a producer writing
     * to a partition whose leader is still being set up can get its idempotent sequence numbers out of step and stall
     * until its delivery timeout.
     */
    private static void requireLeaders(Admin admin, List<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values().forEach(
                topic -> topic.partitions().forEach(
                        partition -> ends.put(new TopicPartition(topic.name(), partition.partition()),
                                              OffsetSpec.latest())));
        admin.listOffsets(ends).all().get(10, TimeUnit.SECONDS);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka", e);
        }
    }
}
