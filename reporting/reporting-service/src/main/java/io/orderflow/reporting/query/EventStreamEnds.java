package io.orderflow.reporting.query;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

import java.util.List;
import java.util.OptionalLong;

/**
 * The end of an event stream with gap-free positions, such as an Axon Server context (or several merged: their
 * positions add up). The head token is the position of the last event; the first event is at position 0.
 */
final class EventStreamEnds implements SourceEnds {

    private final StreamableMessageSource<TrackedEventMessage<?>> source;

    EventStreamEnds(StreamableMessageSource<TrackedEventMessage<?>> source) {
        this.source = source;
    }

    @Override
    public Ends read() {
        TrackingToken head = source.createHeadToken();
        TrackingToken tail = source.createTailToken();
        long end = position(head).orElse(-1) + 1;
        long start = tail == null ? 0 : position(tail).orElse(-1) + 1;
        return new Stream(start, end);
    }

    @Override
    public void close() {
        // nothing held open
    }

    private static OptionalLong position(TrackingToken token) {
        return token == null ? OptionalLong.empty() : token.position();
    }

    /** @param start position after the tail token ({@code 0} for a stream that starts at its first event) */
    private record Stream(long start, long end) implements Ends {

        @Override
        public long total() {
            return Math.max(0, end - start);
        }

        /** The segment furthest behind decides: every segment reads the whole stream, each applies its share. */
        @Override
        public long behind(List<TrackingToken> tokens) {
            if (tokens.isEmpty()) {
                return total();
            }
            long slowest = Long.MAX_VALUE;
            for (TrackingToken token : tokens) {
                slowest = Math.min(slowest, position(token).orElse(start - 1) + 1);
            }
            return Math.max(0, end - Math.max(slowest, start));
        }
    }
}
