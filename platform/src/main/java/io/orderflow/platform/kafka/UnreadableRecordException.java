package io.orderflow.platform.kafka;

/** Why an {@link UnreadableRecord} was set aside: the record's position and what failed when it was read. */
public class UnreadableRecordException extends RuntimeException {

    public UnreadableRecordException(UnreadableRecord record) {
        super("Unreadable record " + record.position() + ": " + record.error());
    }
}
