package io.orderflow.platform.test;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

import java.util.Map;
import java.util.UUID;

/**
 * One real Kafka broker (KRaft) per test JVM, started on first use and stopped when the JVM exits: a
 * Testcontainers container where a Docker engine runs, an in-process broker otherwise.
 */
public final class TestKafka {

    private static final Logger log = LoggerFactory.getLogger(TestKafka.class);
    private static String bootstrapServers;

    private TestKafka() {
    }

    /** @return the broker's bootstrap servers, starting it if it is not yet */
    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            bootstrapServers = dockerAvailable() ? startContainer() : startEmbedded();
        }
        return bootstrapServers;
    }

    /** @return a consumer of the test broker in a group of its own, reading topics from their beginning */
    public static KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                                          ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                                          ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                                   new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    @SuppressWarnings("resource")
    private static String startContainer() {
        KafkaContainer container = new KafkaContainer("apache/kafka:3.9.1");
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "kafka-container-stop"));
        log.info("Kafka for tests: Testcontainers at {}", container.getBootstrapServers());
        return container.getBootstrapServers();
    }

    private static String startEmbedded() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 4);
        broker.brokerProperty("auto.create.topics.enable", "false");
        broker.afterPropertiesSet();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "embedded-kafka-stop"));
        log.info("Kafka for tests: no Docker engine, in-process KRaft broker at {}", broker.getBrokersAsString());
        return broker.getBrokersAsString();
    }
}
