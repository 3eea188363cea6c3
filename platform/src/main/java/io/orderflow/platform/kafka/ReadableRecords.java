package io.orderflow.platform.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.extensions.kafka.eventhandling.HeaderUtils;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.UnknownSerializedType;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The extension's record format, with one difference when reading: a record that cannot be read whole — payload,
 * metadata, type, upcasting, Axon's headers — becomes an event whose payload is an {@link UnreadableRecord}, instead of
 * an exception that stops the consuming processor at that record for good (or, for a record without Axon's headers,
 * instead of being skipped in silence). Payload and metadata are deserialized here, once: the handlers get them
 * from the same message.
 */
public class ReadableRecords implements KafkaMessageConverter<String, byte[]> {

    private static final String ID = "axon-message-id";
    private static final String TYPE = "axon-message-type";

    private final KafkaMessageConverter<String, byte[]> format;

    public ReadableRecords(KafkaMessageConverter<String, byte[]> format) {
        this.format = format;
    }

    @Override
    public ProducerRecord<String, byte[]> createKafkaMessage(EventMessage<?> eventMessage, String topic) {
        return format.createKafkaMessage(eventMessage, topic);
    }

    @Override
    public Optional<EventMessage<?>> readKafkaMessage(ConsumerRecord<String, byte[]> record) {
        return Optional.of(read(record));
    }

    /**
     * @return the record's event, or an event carrying it as an {@link UnreadableRecord}; its identifier is derived
     * from the record's position, the same each time the record is read
     */
    public EventMessage<?> read(ConsumerRecord<String, byte[]> record) {
        String error;
        try {
            Optional<EventMessage<?>> read = format.readKafkaMessage(record);
            if (read.isEmpty() && !HeaderUtils.keys(record.headers()).containsAll(List.of(ID, TYPE))) {
                error = "Not an event: the record lacks Axon's message headers (" + ID + ", " + TYPE + ")";
            } else if (read.isEmpty()) {
                error = "No event read from the record: an upcaster failed or dropped it";
            } else if (UnknownSerializedType.class.equals(read.get().getPayloadType())) {
                error = "Unknown event type " + HeaderUtils.valueAsString(record.headers(), TYPE);
            } else {
                EventMessage<?> event = read.get();
                event.getPayload();
                event.getMetaData();
                return event;
            }
        } catch (RuntimeException e) {
            error = describe(e);
        }
        UnreadableRecord unreadable = UnreadableRecord.of(record, error);
        String id = UUID.nameUUIDFromBytes(("unreadable:" + unreadable.position()).getBytes(StandardCharsets.UTF_8))
                        .toString();
        return new GenericEventMessage<>(new GenericMessage<>(id, unreadable, MetaData.emptyInstance()),
                                         unreadable::timestamp);
    }

    /** The failure and its causes, one line: what an operator needs to see first. */
    public static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
            if (text.length() > 2_000) {
                break;
            }
        }
        return text.toString();
    }
}
