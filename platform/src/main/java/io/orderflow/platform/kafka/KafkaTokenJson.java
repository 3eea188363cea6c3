package io.orderflow.platform.kafka;

import org.apache.kafka.common.TopicPartition;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Lets Jackson 3 read the Kafka extension's tracking tokens: their positions are a map keyed by {@link TopicPartition},
 * written as its {@code toString()}, {@code topic-partition}. axon-kafka 4.9 declares the key deserializer with a
 * Jackson 2 annotation, which Jackson 3 does not see. Delete this once the extension reads its tokens with Jackson 3.
 */
public final class KafkaTokenJson {

    private KafkaTokenJson() {
    }

    public static JacksonModule module() {
        return new SimpleModule("orderflow-kafka-tracking-token")
                .addKeyDeserializer(TopicPartition.class, new KeyDeserializer() {
                    @Override
                    public Object deserializeKey(String key, DeserializationContext context) {
                        int hyphen = key.lastIndexOf('-');
                        String partition = hyphen < 1 ? "" : key.substring(hyphen + 1);
                        if (!partition.matches("\\d{1,9}")) {
                            return context.handleWeirdKey(TopicPartition.class, key, "not <topic>-<partition>");
                        }
                        return new TopicPartition(key.substring(0, hyphen), Integer.parseInt(partition));
                    }
                });
    }
}
