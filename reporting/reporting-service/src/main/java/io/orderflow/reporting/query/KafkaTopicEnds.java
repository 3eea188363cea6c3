package io.orderflow.reporting.query;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.eventhandling.MultiSourceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.extensions.kafka.eventhandling.consumer.ConsumerFactory;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The topics' first and next offsets per partition; a Kafka token holds the offset of the last record applied. */
final class KafkaTopicEnds implements SourceEnds {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final ConsumerFactory<String, byte[]> consumerFactory;
    private final List<String> topics;
    private Consumer<String, byte[]> consumer;

    KafkaTopicEnds(ConsumerFactory<String, byte[]> consumerFactory, List<String> topics) {
        this.consumerFactory = consumerFactory;
        this.topics = List.copyOf(topics);
    }

    @Override
    public Ends read() {
        try {
            if (consumer == null) {
                consumer = consumerFactory.createConsumer(null);
            }
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                for (PartitionInfo info : consumer.partitionsFor(topic, TIMEOUT)) {
                    partitions.add(new TopicPartition(info.topic(), info.partition()));
                }
            }
            return new Offsets(consumer.beginningOffsets(partitions, TIMEOUT), consumer.endOffsets(partitions, TIMEOUT));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public void close() {
        if (consumer != null) {
            try {
                consumer.close(CloseOptions.timeout(Duration.ofSeconds(1)));
            } catch (RuntimeException ignored) {
                // a broken consumer is replaced on the next read
            }
            consumer = null;
        }
    }

    private record Offsets(Map<TopicPartition, Long> beginning, Map<TopicPartition, Long> end) implements Ends {

        @Override
        public long total() {
            return end.entrySet().stream().mapToLong(e -> e.getValue() - beginning.getOrDefault(e.getKey(), 0L)).sum();
        }

        @Override
        public long behind(List<TrackingToken> tokens) {
            Map<TopicPartition, Long> position = positions(tokens);
            long behind = 0;
            for (var entry : end.entrySet()) {
                long from = position.containsKey(entry.getKey()) ? position.get(entry.getKey()) + 1
                                                                  : beginning.getOrDefault(entry.getKey(), 0L);
                behind += Math.max(0, entry.getValue() - from);
            }
            return behind;
        }

        private static Map<TopicPartition, Long> positions(List<TrackingToken> tokens) {
            Map<TopicPartition, Long> positions = new HashMap<>();
            for (TrackingToken token : tokens) {
                if (token instanceof MultiSourceTrackingToken multi) {
                    multi.getTrackingTokens().values().forEach(source -> {
                        if (source instanceof KafkaTrackingToken kafka) {
                            kafka.getPositions().forEach((partition, offset) -> positions.merge(partition, offset,
                                                                                                Math::max));
                        }
                    });
                }
            }
            return positions;
        }
    }
}
