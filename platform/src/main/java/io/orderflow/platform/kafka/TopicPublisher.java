package io.orderflow.platform.kafka;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.producer.TopicResolver;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.monitoring.MessageMonitor;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends a context's published events to its topic. It is the only handler of a tracking processor that reads the
 * service's own event store, so the event store is the outbox: the processor stores its token only after the broker
 * acknowledged every event of the batch, and after a crash or a broker outage it sends again from the stored token.
 * A record may therefore reach the topic twice, never not at all; consumers are idempotent.
 * <p>
 * Not a replay target: resetting this processor would publish the whole history again.
 */
public class TopicPublisher implements EventMessageHandler {

    private final Producer<String, byte[]> producer;
    private final KafkaMessageConverter<String, byte[]> converter;
    private final TopicResolver topics;
    private final MessageMonitor<? super EventMessage<?>> monitor;
    private final Duration ackTimeout;

    /**
     * @param producer   a shared producer (idempotent, {@code acks=all}), closed by its owner
     * @param converter  turns an event into a record keyed by its aggregate id, metadata in headers
     * @param topics     which topic an event goes to; none for events that stay inside the service
     * @param monitor    told of every event sent, and whether the broker took it
     * @param ackTimeout how long to wait for the broker's acknowledgement; longer than the producer's own
     *                   {@code delivery.timeout.ms}, so that the producer, not this wait, decides an event's fate
     */
    public TopicPublisher(Producer<String, byte[]> producer,
                          KafkaMessageConverter<String, byte[]> converter,
                          TopicResolver topics,
                          MessageMonitor<? super EventMessage<?>> monitor,
                          Duration ackTimeout) {
        this.producer = producer;
        this.converter = converter;
        this.topics = topics;
        this.monitor = monitor;
        this.ackTimeout = ackTimeout;
    }

    /**
     * Sends the event and waits for the broker's acknowledgement, inside the processor's unit of work when there is
     * one (so a failure rolls the batch back, token included) or right away when there is none.
     */
    @Override
    public Object handle(EventMessage<?> event) throws Exception {
        Optional<String> topic = topics.resolve(event);
        if (topic.isEmpty()) {
            return null;
        }
        MessageMonitor.MonitorCallback callback = monitor.onMessageIngested(event);
        Future<RecordMetadata> sent;
        try {
            sent = producer.send(converter.createKafkaMessage(event, topic.get()));
        } catch (RuntimeException e) {
            callback.reportFailure(e);
            throw e;
        }
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().onPrepareCommit(unitOfWork -> awaitAck(sent, callback));
        } else {
            awaitAck(sent, callback);
        }
        return null;
    }

    private void awaitAck(Future<RecordMetadata> sent, MessageMonitor.MonitorCallback callback) {
        try {
            sent.get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
            callback.reportSuccess();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            callback.reportFailure(e);
            throw new PublicationFailedException("Interrupted while waiting for the broker's acknowledgement", e);
        } catch (ExecutionException e) {
            callback.reportFailure(e.getCause());
            throw new PublicationFailedException("The broker did not take the event", e.getCause());
        } catch (TimeoutException e) {
            callback.reportFailure(e);
            throw new PublicationFailedException("No acknowledgement from the broker within " + ackTimeout, e);
        }
    }

    @Override
    public boolean supportsReset() {
        return false;
    }

    /** An event did not reach its topic; the processor rolls back and sends it again. */
    public static class PublicationFailedException extends RuntimeException {

        PublicationFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
