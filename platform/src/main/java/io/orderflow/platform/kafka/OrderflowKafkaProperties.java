package io.orderflow.platform.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * The event topics of the system and how they are created.
 *
 * @param topics            every context's event topic; each service makes sure all exist before it starts
 *                          publishing or consuming (a consumer of a missing topic stalls)
 * @param partitions        partitions of a topic created here; events are keyed by aggregate id
 * @param replicationFactor replicas of a topic created here
 * @param startupTimeout    how long a service waits for the broker at start-up before it gives up
 * @param publisherAckTimeout how long the publisher waits for the broker to acknowledge an event before it rolls
 *                          back and sends again; above the producer's {@code delivery.timeout.ms}
 */
@ConfigurationProperties("orderflow.kafka")
public record OrderflowKafkaProperties(List<String> topics, int partitions, short replicationFactor,
                                       Duration startupTimeout, Duration publisherAckTimeout) {
}
