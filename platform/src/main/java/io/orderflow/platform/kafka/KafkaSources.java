package io.orderflow.platform.kafka;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.consumer.ConsumerFactory;
import org.axonframework.extensions.kafka.eventhandling.consumer.Fetcher;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaEventMessage;
import org.springframework.beans.factory.ObjectProvider;

import java.util.function.Function;

/**
 * Builds the message source a streaming event processor reads another context's topic with. Its position is a
 * tracking token kept in the consuming service's own token store, updated in the same transaction as the
 * processor's effects. A record it cannot read reaches the processor as an {@link UnreadableRecord}
 * ({@link ReadableRecords}).
 */
public class KafkaSources {

    private static final int BUFFER_CAPACITY = 10_000;

    private final ConsumerFactory<String, byte[]> consumerFactory;
    private final Fetcher<String, byte[], KafkaEventMessage> fetcher;
    private final ReadableRecords records;
    private final KafkaTopics topics;

    public KafkaSources(ConsumerFactory<String, byte[]> consumerFactory,
                        Fetcher<String, byte[], KafkaEventMessage> fetcher,
                        KafkaMessageConverter<String, byte[]> converter,
                        KafkaTopics topics) {
        this.consumerFactory = consumerFactory;
        this.fetcher = fetcher;
        this.records = new ReadableRecords(converter);
        this.topics = topics;
    }

    /**
     * @param topic a topic of {@code orderflow.kafka.topics}
     * @return a source reading that topic from its beginning
     */
    public TopicSource source(String topic) {
        if (!topics.names().contains(topic)) {
            throw new IllegalArgumentException("Topic " + topic + " is not one of orderflow.kafka.topics "
                                                       + topics.names());
        }
        return new TopicSource(topic, consumerFactory, fetcher, records, BUFFER_CAPACITY);
    }

    /**
     * Reads unreadable records again with the service's sources when it has them (looked up on each call, as the
     * Kafka sources are built after what uses this); in the Axon Server mode the record stays as it was.
     */
    public static Function<UnreadableRecord, EventMessage<?>> rereader(ObjectProvider<KafkaSources> sources) {
        return record -> {
            KafkaSources kafka = sources.getIfAvailable();
            return kafka != null ? kafka.reread(record) : GenericEventMessage.asEventMessage(record);
        };
    }

    /** Reads an unreadable record again (a fixed version may read it): its event, or still an unreadable record. */
    public EventMessage<?> reread(UnreadableRecord record) {
        return records.read(record.toConsumerRecord());
    }
}
