package io.orderflow.platform.axonserver;

import org.axonframework.axonserver.connector.event.axon.AxonServerEventStore;
import org.axonframework.axonserver.connector.event.axon.AxonServerEventStoreFactory;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.MultiStreamableMessageSource;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class AxonServerEventSourcesTest {

    private final EventStore ownEventStore = mock(EventStore.class);
    private final AxonServerEventStoreFactory factory = mock(AxonServerEventStoreFactory.class);

    @Test
    void readsEveryServiceFromTheOwnEventStoreOnceWhenAllShareTheDefaultContext() {
        AxonServerEventSources sources = sources("default", Map.of());
        when(ownEventStore.createTailToken()).thenReturn(new GlobalSequenceTrackingToken(-1));

        StreamableMessageSource<?> merged = sources.merged("orders", "payments", "fulfillment");

        assertThat(merged).isNotInstanceOf(MultiStreamableMessageSource.class).isNotInstanceOf(EventStore.class);
        assertThat(merged.createTailToken()).isEqualTo(new GlobalSequenceTrackingToken(-1));
        assertThat(sources.of("fulfillment")).isSameAs(merged);
        verify(factory, never()).constructFor(org.mockito.ArgumentMatchers.anyString());
    }

    @Test
    void readsEachOtherContextThroughItsOwnEventStoreWhenContextsDiffer() {
        AxonServerEventSources sources = sources("orders", Map.of("orders", "orders", "payments", "payments",
                                                                  "fulfillment", "fulfillment"));
        when(factory.constructFor("payments")).thenReturn(mock(AxonServerEventStore.class));
        when(factory.constructFor("fulfillment")).thenReturn(mock(AxonServerEventStore.class));

        StreamableMessageSource<?> merged = sources.merged("orders", "payments", "fulfillment");

        assertThat(merged).isInstanceOf(MultiStreamableMessageSource.class);
        assertThat(sources.distinctContexts("orders", "payments", "fulfillment"))
                .containsExactly("orders", "payments", "fulfillment");
        assertThat(sources.of("payments")).hasToString("events of Axon Server context 'payments'");
        verify(factory, times(1)).constructFor("payments");
        verify(factory, times(1)).constructFor("fulfillment");
        verify(factory, never()).constructFor("orders");
    }

    @Test
    void readsASharedContextOnceWhenOnlySomeServicesShareOne() {
        AxonServerEventSources sources = sources("default", Map.of("orders", "default", "payments", "shared",
                                                                   "fulfillment", "shared"));

        assertThat(sources.distinctContexts("orders", "payments", "fulfillment")).containsExactly("default", "shared");
    }

    private AxonServerEventSources sources(String ownContext, Map<String, String> contexts) {
        return new AxonServerEventSources(ownEventStore, ownContext,
                                          new AxonServerProperties(contexts, Duration.ofSeconds(1)), factory);
    }
}
