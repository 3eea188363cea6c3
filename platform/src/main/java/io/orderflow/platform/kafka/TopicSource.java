package io.orderflow.platform.kafka;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.common.Registration;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.consumer.ConsumerFactory;
import org.axonframework.extensions.kafka.eventhandling.consumer.ConsumerSeekUtil;
import org.axonframework.extensions.kafka.eventhandling.consumer.Fetcher;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaEventMessage;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaMessageStream;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.TrackingRecordConverter;
import org.axonframework.messaging.StreamableMessageSource;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One topic as a streamable message source. The position is a {@link KafkaTrackingToken} (the last offset handled
 * per partition), kept by the consuming processor in its own token store, in the same transaction as its effects: no
 * consumer group and no committed offsets. Each stream has its own consumer, assigned every partition of the topic and
 * sought to the token; records are handed out in the order they were fetched ({@link FetchOrderBuffer}).
 */
public class TopicSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    private final String topic;
    private final ConsumerFactory<String, byte[]> consumerFactory;
    private final Fetcher<String, byte[], KafkaEventMessage> fetcher;
    private final KafkaMessageConverter<String, byte[]> converter;
    private final int bufferCapacity;

    public TopicSource(String topic,
                       ConsumerFactory<String, byte[]> consumerFactory,
                       Fetcher<String, byte[], KafkaEventMessage> fetcher,
                       KafkaMessageConverter<String, byte[]> converter,
                       int bufferCapacity) {
        this.topic = topic;
        this.consumerFactory = consumerFactory;
        this.fetcher = fetcher;
        this.converter = converter;
        this.bufferCapacity = bufferCapacity;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        TrackingRecordConverter<String, byte[]> records =
                new TrackingRecordConverter<>(converter, KafkaTrackingToken.from(trackingToken));
        Consumer<String, byte[]> consumer = consumerFactory.createConsumer(null);
        try {
            ConsumerSeekUtil.seekToCurrentPositions(consumer, records::currentToken, List.of(topic));
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
        FetchOrderBuffer buffer = new FetchOrderBuffer(bufferCapacity);
        Registration fetching = fetcher.poll(consumer, records, buffer::putAll, buffer::setException);
        return new KafkaMessageStream(buffer, fetching);
    }

    /** From the beginning of every partition. */
    @Override
    public TrackingToken createTailToken() {
        return KafkaTrackingToken.emptyToken();
    }

    /** Past the last record of every partition now. */
    @Override
    public TrackingToken createHeadToken() {
        return positions(consumer -> consumer.endOffsets(partitions(consumer)));
    }

    /** At the first record of each partition written at or after {@code dateTime}; past the end where there is none. */
    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return positions(consumer -> {
            List<TopicPartition> partitions = partitions(consumer);
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(partition -> query.put(partition, dateTime.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> next = new HashMap<>();
            partitions.forEach(partition -> {
                OffsetAndTimestamp first = found.get(partition);
                next.put(partition, first != null ? first.offset() : ends.get(partition));
            });
            return next;
        });
    }

    /**
     * A token whose position in each partition is the record before the given next offset: the token names the last
     * record handled, so a partition whose next offset is 0 has no entry and is read from its beginning.
     */
    private TrackingToken positions(Function<Consumer<String, byte[]>, Map<TopicPartition, Long>> nextOffsets) {
        try (Consumer<String, byte[]> consumer = consumerFactory.createConsumer(null)) {
            Map<TopicPartition, Long> handled = new HashMap<>();
            nextOffsets.apply(consumer).forEach((partition, next) -> {
                if (next > 0) {
                    handled.put(partition, next - 1);
                }
            });
            return KafkaTrackingToken.newInstance(handled);
        }
    }

    private List<TopicPartition> partitions(Consumer<String, byte[]> consumer) {
        return ConsumerSeekUtil.topicPartitions(consumer, List.of(topic));
    }
}
