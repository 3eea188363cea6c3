package io.orderflow.platform.axon;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import java.util.Objects;

/**
 * Reads an event serialized before a field was added to it: gives the field the value every event of the older
 * revision implicitly had and moves the event to the new revision. A service registers one as a bean for each such
 * change of an event it reads; Axon applies the bean to its event store and to the records its Kafka sources read.
 */
public class AddedFieldUpcaster extends SingleEventUpcaster {

    private final String type;
    private final String fromRevision;
    private final String toRevision;
    private final String field;
    private final String value;

    /**
     * @param type         the event's payload type (its class name)
     * @param fromRevision the revision without the field; {@code null} for an event that never had one
     * @param toRevision   the revision that added the field
     * @param field        the field's JSON name
     * @param value        the value events of {@code fromRevision} stand for
     */
    public AddedFieldUpcaster(String type, String fromRevision, String toRevision, String field, String value) {
        this.type = type;
        this.fromRevision = fromRevision;
        this.toRevision = toRevision;
        this.field = field;
        this.value = value;
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        return type.equals(event.getType().getName()) && Objects.equals(fromRevision, event.getType().getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        return event.upcastPayload(new SimpleSerializedType(type, toRevision), JsonNode.class, payload -> {
            if (payload instanceof ObjectNode object && !object.hasNonNull(field)) {
                object.put(field, value);
            }
            return payload;
        });
    }
}
