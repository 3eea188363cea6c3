package io.orderflow.platform.kafka;

import io.orderflow.platform.axon.AllowedTypesJacksonSerializer;
import io.orderflow.platform.kafka.api.SomethingHappenedEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ReadableRecordsTest {

    private static final String TOPIC = "orders-events";

    private final AllowedTypesJacksonSerializer serializer = AllowedTypesJacksonSerializer.create(
            new AnnotationRevisionResolver(), getClass().getClassLoader());
    private final DefaultKafkaMessageConverter format =
            DefaultKafkaMessageConverter.builder().serializer(serializer).build();
    private final ReadableRecords records = new ReadableRecords(format);

    @Test
    void readsAWholeRecordAsItsEvent() {
        EventMessage<?> read = records.read(consumed(produced(new SomethingHappenedEvent("ord-1")), 7));

        assertThat(read.getPayload()).isEqualTo(new SomethingHappenedEvent("ord-1"));
    }

    @Test
    void turnsAPayloadCutOffMidJsonIntoAnUnreadableRecordNamingItsOrder() {
        ProducerRecord<String, byte[]> whole = produced(new SomethingHappenedEvent("x"));
        byte[] cut = "{\"orderId\":\"ord-42\",\"id\":\"x".getBytes(StandardCharsets.UTF_8);

        EventMessage<?> read = records.read(consumed(whole, cut, 11));

        UnreadableRecord record = (UnreadableRecord) read.getPayload();
        assertThat(record.orderId()).isEqualTo("ord-42");
        assertThat(record.position()).isEqualTo(TOPIC + "/2/11");
        assertThat(record.error()).containsIgnoringCase("deserializ");
        assertThat(record.value()).isEqualTo(cut);
        assertThat(record.preview()).isEqualTo(new String(cut, StandardCharsets.UTF_8));
        assertThat(record.headersText()).containsEntry("axon-message-type", SomethingHappenedEvent.class.getName());
        assertThat(records.read(consumed(whole, cut, 11)).getIdentifier())
                .as("the same record reads as the same message each time").isEqualTo(read.getIdentifier());
    }

    @Test
    void turnsAnUnknownTypeIntoAnUnreadableRecord() {
        ProducerRecord<String, byte[]> whole = produced(new SomethingHappenedEvent("x"));
        RecordHeaders headers = new RecordHeaders(whole.headers().toArray());
        headers.remove("axon-message-type");
        headers.add("axon-message-type", "io.orderflow.nowhere.GoneEvent".getBytes(StandardCharsets.UTF_8));

        UnreadableRecord record = (UnreadableRecord) records.read(
                new ConsumerRecord<>(TOPIC, 0, 3, 0L, TimestampType.CREATE_TIME, -1, -1, "key", whole.value(), headers,
                                     Optional.empty())).getPayload();

        assertThat(record.error()).contains("io.orderflow.nowhere.GoneEvent");
        assertThat(record.orderId()).isNull();
    }

    @Test
    void turnsARecordWithoutAxonsHeadersIntoAnUnreadableRecordInsteadOfSkippingIt() {
        UnreadableRecord record = (UnreadableRecord) records.read(
                new ConsumerRecord<>(TOPIC, 1, 5, "key", "not an event\u0000".getBytes(StandardCharsets.UTF_8)))
                .getPayload();

        assertThat(record.error()).contains("lacks Axon's message headers");
        assertThat(record.preview()).isEqualTo("not an event\\u0000");
        assertThat(record.toConsumerRecord().value()).isEqualTo("not an event\u0000".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void turnsAFailingUpcasterIntoAnUnreadableRecord() {
        SingleEventUpcaster failing = new SingleEventUpcaster() {
            @Override
            protected boolean canUpcast(IntermediateEventRepresentation representation) {
                return true;
            }

            @Override
            protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
                throw new IllegalStateException("upcaster broke");
            }
        };
        ReadableRecords upcasting = new ReadableRecords(DefaultKafkaMessageConverter.builder()
                                                                                    .serializer(serializer)
                                                                                    .upcasterChain(new EventUpcasterChain(failing))
                                                                                    .build());

        EventMessage<?> read = upcasting.read(consumed(produced(new SomethingHappenedEvent("ord-1")), 1));

        assertThat(((UnreadableRecord) read.getPayload()).error()).contains("upcaster");
    }

    @Test
    void cutsALongValueForAnOperatorToRead() {
        byte[] value = new byte[UnreadableRecord.PREVIEW_CHARS + 500];
        Arrays.fill(value, (byte) 'a');

        assertThat(UnreadableRecord.preview(value)).hasSize(UnreadableRecord.PREVIEW_CHARS + "… (500 more characters)".length())
                                                  .endsWith("… (500 more characters)");
    }

    private ProducerRecord<String, byte[]> produced(Object payload) {
        return format.createKafkaMessage(GenericEventMessage.asEventMessage(payload), TOPIC);
    }

    private static ConsumerRecord<String, byte[]> consumed(ProducerRecord<String, byte[]> produced, long offset) {
        return consumed(produced, produced.value(), offset);
    }

    private static ConsumerRecord<String, byte[]> consumed(ProducerRecord<String, byte[]> produced, byte[] value,
                                                           long offset) {
        return new ConsumerRecord<>(TOPIC, 2, offset, 1_000L, TimestampType.CREATE_TIME, -1, -1, produced.key(), value,
                                    produced.headers(), Optional.empty());
    }
}
