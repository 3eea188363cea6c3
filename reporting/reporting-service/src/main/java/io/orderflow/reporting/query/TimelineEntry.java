package io.orderflow.reporting.query;

import java.time.Instant;

/** A step of an order and the time of the event that recorded it. */
public record TimelineEntry(TimelineStep step, Instant at) {
}
