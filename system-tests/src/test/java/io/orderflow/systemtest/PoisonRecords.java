package io.orderflow.systemtest;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Puts on a topic what a producer with a bug or a schema drift would: a copy of a real event's record (same headers,
 * a new message id) whose JSON names another order and is cut off before its end, or bytes without Axon's headers.
 */
final class PoisonRecords implements AutoCloseable {

    /** Where a record landed: {@code topic/partition/offset}, as the ops API shows it. */
    record Sent(String position, String value) {
    }

    private final String bootstrapServers;
    private final KafkaProducer<String, byte[]> producer;

    PoisonRecords(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                                                   ProducerConfig.ACKS_CONFIG, "all"),
                                            new StringSerializer(), new ByteArraySerializer());
    }

    /** A cut-off copy of the first {@code eventType} record of {@code topic}, naming {@code orderId} instead of its own. */
    Sent cutCopy(String topic, String eventType, String orderId) throws Exception {
        ConsumerRecord<String, byte[]> real = first(topic, eventType);
        String json = new String(real.value(), StandardCharsets.UTF_8)
                .replaceFirst("\"orderId\":\"[^\"]*\"", "\"orderId\":\"" + orderId + "\"");
        byte[] whole = json.getBytes(StandardCharsets.UTF_8);
        byte[] value = Arrays.copyOf(whole, whole.length - 6);
        RecordHeaders headers = new RecordHeaders();
        for (Header header : real.headers()) {
            headers.add(header.key(), header.key().equals("axon-message-id")
                    ? UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8) : header.value());
        }
        return send(new ProducerRecord<>(topic, null, real.key(), value, headers));
    }

    /** Bytes that are no event at all: no Axon headers. */
    Sent garbage(String topic) throws Exception {
        return send(new ProducerRecord<>(topic, "garbage", "\u0000not an event".getBytes(StandardCharsets.UTF_8)));
    }

    private Sent send(ProducerRecord<String, byte[]> record) throws Exception {
        RecordMetadata sent = producer.send(record).get();
        return new Sent(sent.topic() + "/" + sent.partition() + "/" + sent.offset(),
                        new String(record.value(), StandardCharsets.UTF_8));
    }

    private ConsumerRecord<String, byte[]> first(String topic, String eventType) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of("bootstrap.servers", bootstrapServers), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                                                      .map(info -> new TopicPartition(topic, info.partition()))
                                                      .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    Header type = record.headers().lastHeader("axon-message-type");
                    if (type != null && new String(type.value(), StandardCharsets.UTF_8).endsWith("." + eventType)) {
                        return record;
                    }
                }
            }
            throw new AssertionError("No " + eventType + " on " + topic);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
