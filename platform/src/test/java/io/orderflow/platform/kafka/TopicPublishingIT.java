package io.orderflow.platform.kafka;

import io.orderflow.platform.kafka.api.SomethingHappenedEvent;
import io.orderflow.platform.test.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.consumer.AsyncFetcher;
import org.axonframework.extensions.kafka.eventhandling.consumer.DefaultConsumerFactory;
import org.axonframework.extensions.kafka.eventhandling.consumer.Fetcher;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaEventMessage;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.monitoring.MessageMonitor;
import io.orderflow.platform.axon.AllowedTypesJacksonSerializer;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The publisher and the topic source against a real broker: what is published comes back in order, with tokens a
 * processor can resume from; head and time tokens start where they say; a broker that does not take an event fails
 * the publishing unit of work.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TopicPublishingIT {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final KafkaMessageConverter<String, byte[]> converter = DefaultKafkaMessageConverter
            .builder()
            .serializer(AllowedTypesJacksonSerializer.create(
                    new AnnotationRevisionResolver(), AllowedTypesJacksonSerializer.class.getClassLoader()))
            .build();
    private final Fetcher<String, byte[], KafkaEventMessage> fetcher =
            AsyncFetcher.<String, byte[], KafkaEventMessage>builder().pollTimeout(200).build();
    private Producer<String, byte[]> producer;
    private DefaultConsumerFactory<String, byte[]> consumerFactory;

    @BeforeAll
    void connect() {
        String servers = TestKafka.bootstrapServers();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                                              ProducerConfig.ACKS_CONFIG, "all",
                                              ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                                       new StringSerializer(), new ByteArraySerializer());
        consumerFactory = new DefaultConsumerFactory<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
    }

    @AfterAll
    void close() {
        fetcher.shutdown();
        producer.close();
    }

    @Test
    void publishesPublishedEventsOnlyAndReadsThemBackInOrderWithResumableTokens() throws Exception {
        String topic = newTopic();
        CountingMonitor monitor = new CountingMonitor();
        TopicPublisher publisher = publisher(topic, monitor);
        List<EventMessage<?>> events = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            events.add(event("agg-" + (i % 3), i / 3, T0.plusSeconds(i)));
        }
        DefaultUnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        batch.execute(() -> {
            for (EventMessage<?> event : events) {
                handle(publisher, event);
            }
            handle(publisher, GenericEventMessage.asEventMessage("internal, stays in the service"));
        });
        assertThat(monitor.successes.get()).isEqualTo(9);

        TopicSource source = source(topic);
        List<TrackedEventMessage<?>> all = read(source, null, 9);
        assertThat(all).extracting(m -> ((SomethingHappenedEvent) m.getPayload()).id())
                       .containsExactlyInAnyOrderElementsOf(events.stream().map(TopicPublishingIT::id).toList());
        for (String aggregate : Set.of("agg-0", "agg-1", "agg-2")) {
            assertThat(all.stream().map(m -> ((SomethingHappenedEvent) m.getPayload()).id())
                          .filter(id -> id.startsWith(aggregate)))
                    .as("per-aggregate order").containsExactly(aggregate + "#0", aggregate + "#1", aggregate + "#2");
        }
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i).trackingToken().covers(all.get(i - 1).trackingToken())).as("monotone tokens")
                                                                                         .isTrue();
        }
        assertThat(offsetsIn(all.get(8).trackingToken())).isEqualTo(9);

        List<TrackedEventMessage<?>> resumed = read(source, all.get(3).trackingToken(), 5);
        assertThat(resumed).extracting(TrackedEventMessage::getIdentifier)
                           .containsExactlyElementsOf(all.subList(4, 9).stream()
                                                         .map(TrackedEventMessage::getIdentifier).toList());
        assertNothingMore(source, all.get(8).trackingToken());
    }

    @Test
    void headTokenStartsAfterEverythingPublishedAndTimeTokenAtTheFirstRecordFromThen() throws Exception {
        String topic = newTopic();
        TopicPublisher publisher = publisher(topic, new CountingMonitor());
        TopicSource source = source(topic);
        assertThat(source.createTailToken()).isEqualTo(KafkaTrackingToken.emptyToken());
        assertThat(offsetsIn(source.createHeadToken())).as("empty topic").isZero();

        Instant between = null;
        for (int i = 0; i < 6; i++) {
            if (i == 3) {
                Thread.sleep(100);
                between = Instant.now();
                Thread.sleep(100);
            }
            publisher.handle(event("agg-" + i, 0, T0));
        }
        TrackingToken head = source.createHeadToken();
        assertThat(offsetsIn(head)).isEqualTo(6);
        assertNothingMore(source, head);

        // a record's time is when it was published
        List<TrackedEventMessage<?>> fromThree = read(source, source.createTokenAt(between), 3);
        assertThat(fromThree).extracting(m -> ((SomethingHappenedEvent) m.getPayload()).id())
                             .containsExactlyInAnyOrder("agg-3#0", "agg-4#0", "agg-5#0");
        assertNothingMore(source, source.createTokenAt(Instant.now().plus(1, ChronoUnit.DAYS)));

        publisher.handle(event("late", 0, T0));
        assertThat(read(source, head, 1)).extracting(m -> ((SomethingHappenedEvent) m.getPayload()).id())
                                         .containsExactly("late#0");
    }

    @Test
    void aBrokerThatDoesNotTakeTheEventFailsThePublishingUnitOfWork() {
        String topic = "unreachable-" + UUID.randomUUID();
        CountingMonitor failures = new CountingMonitor();
        try (Producer<String, byte[]> nowhere = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1",
                       ProducerConfig.MAX_BLOCK_MS_CONFIG, 500),
                new StringSerializer(), new ByteArraySerializer())) {
            TopicPublisher publisher = new TopicPublisher(nowhere, converter, e -> Optional.of(topic), failures,
                                                          Duration.ofSeconds(5));
            DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
            assertThatThrownBy(() -> unitOfWork.execute(() -> handle(publisher, event("a", 0, T0))))
                    .isInstanceOf(TopicPublisher.PublicationFailedException.class);
            assertThat(unitOfWork.isRolledBack()).isTrue();

            assertThatThrownBy(() -> publisher.handle(event("b", 0, T0)))
                    .isInstanceOf(TopicPublisher.PublicationFailedException.class);
        }
        assertThat(failures.failures.get()).isEqualTo(2);
        assertThat(failures.successes.get()).isZero();
    }

    private TopicPublisher publisher(String topic, CountingMonitor monitor) {
        return new TopicPublisher(producer, converter,
                                  e -> e.getPayload() instanceof SomethingHappenedEvent
                                          ? Optional.of(topic) : Optional.empty(),
                                  monitor, Duration.ofSeconds(30));
    }

    private TopicSource source(String topic) {
        return new TopicSource(topic, consumerFactory, fetcher, converter, 100);
    }

    private static EventMessage<?> event(String aggregate, long sequence, Instant timestamp) {
        return new GenericDomainEventMessage<>("Thing", aggregate, sequence,
                                               new SomethingHappenedEvent(aggregate + "#" + sequence),
                                               MetaData.emptyInstance(), UUID.randomUUID().toString(), timestamp);
    }

    private static String id(EventMessage<?> event) {
        return ((SomethingHappenedEvent) event.getPayload()).id();
    }

    private static void handle(TopicPublisher publisher, EventMessage<?> event) {
        try {
            publisher.handle(event);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<TrackedEventMessage<?>> read(TopicSource source, TrackingToken from, int count)
            throws InterruptedException {
        List<TrackedEventMessage<?>> read = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(from)) {
            while (read.size() < count && stream.hasNextAvailable(20, TimeUnit.SECONDS)) {
                read.add(stream.nextAvailable());
            }
        }
        assertThat(read).as("records read").hasSize(count);
        return read;
    }

    private static void assertNothingMore(TopicSource source, TrackingToken from) throws InterruptedException {
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(from)) {
            assertThat(stream.hasNextAvailable(2, TimeUnit.SECONDS)).as("records after " + from).isFalse();
        }
    }

    /** Records the token says were handled: the position in each partition is the last offset handled. */
    private static long offsetsIn(TrackingToken token) {
        return ((KafkaTrackingToken) token).getPositions().values().stream()
                                           .collect(Collectors.summingLong(position -> position + 1));
    }

    /** A new topic with three partitions, made the way the services make theirs. */
    private static String newTopic() {
        String topic = "topic-publishing-" + UUID.randomUUID();
        new KafkaTopics(TestKafka.bootstrapServers(), new OrderflowKafkaProperties(
                List.of(topic), 3, (short) 1, Duration.ofSeconds(30), Duration.ofSeconds(40)));
        return topic;
    }

    private static class CountingMonitor implements MessageMonitor<EventMessage<?>> {

        private final AtomicInteger successes = new AtomicInteger();
        private final AtomicInteger failures = new AtomicInteger();

        @Override
        public MonitorCallback onMessageIngested(EventMessage<?> message) {
            return new MonitorCallback() {
                @Override
                public void reportSuccess() {
                    successes.incrementAndGet();
                }

                @Override
                public void reportFailure(Throwable cause) {
                    failures.incrementAndGet();
                }

                @Override
                public void reportIgnored() {
                }
            };
        }
    }
}
