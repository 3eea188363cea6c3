package io.orderflow.platform.axonserver;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

import java.time.Duration;
import java.time.Instant;

/**
 * One Axon Server context's event stream as a processor's source, and nothing more: not an {@code EventStore}, so
 * declaring it as a bean adds no second event store for Spring to choose from.
 */
final class ContextEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    private final String context;
    private final StreamableMessageSource<TrackedEventMessage<?>> delegate;

    ContextEventSource(String context, StreamableMessageSource<TrackedEventMessage<?>> delegate) {
        this.context = context;
        this.delegate = delegate;
    }

    String context() {
        return context;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return delegate.openStream(trackingToken);
    }

    @Override
    public TrackingToken createTailToken() {
        return delegate.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return delegate.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return delegate.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return delegate.createTokenSince(duration);
    }

    @Override
    public String toString() {
        return "events of Axon Server context '" + context + "'";
    }
}
