package io.orderflow.reporting.query;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How far a copy is behind an event stream with gap-free positions (the Axon Server mode's source). */
class EventStreamEndsTest {

    private final EmbeddedEventStore store =
            EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
    private final EventStreamEnds ends = new EventStreamEnds(store);

    @AfterEach
    void shutDown() {
        store.shutDown();
    }

    @Test
    void anEmptyStreamHasNothingToApply() {
        SourceEnds.Ends now = ends.read();

        assertThat(now.total()).isZero();
        assertThat(now.behind(tokens((TrackingToken) null))).isZero();
    }

    @Test
    void countsTheEventsPastTheCopysToken() {
        publish(5);
        SourceEnds.Ends now = ends.read();

        assertThat(now.total()).isEqualTo(5);
        assertThat(now.behind(tokens((TrackingToken) null))).isEqualTo(5);
        assertThat(now.behind(tokens(new GlobalSequenceTrackingToken(1)))).isEqualTo(3);
        assertThat(now.behind(tokens(store.createHeadToken()))).isZero();
        assertThat(now.applied(tokens(new GlobalSequenceTrackingToken(1)))).isEqualTo(2);
    }

    @Test
    void theSegmentFurthestBehindDecides() {
        publish(10);
        SourceEnds.Ends now = ends.read();

        assertThat(now.behind(tokens(new GlobalSequenceTrackingToken(9), new GlobalSequenceTrackingToken(3))))
                .isEqualTo(6);
        assertThat(now.behind(tokens(new GlobalSequenceTrackingToken(9), null))).isEqualTo(10);
    }

    @Test
    void seesEventsPublishedAfterAnEarlierRead() {
        publish(2);
        SourceEnds.Ends before = ends.read();
        publish(3);

        assertThat(before.total()).isEqualTo(2);
        assertThat(ends.read().behind(tokens(new GlobalSequenceTrackingToken(1)))).isEqualTo(3);
    }

    private void publish(int count) {
        for (int i = 0; i < count; i++) {
            store.publish(GenericEventMessage.asEventMessage("event " + i));
        }
    }

    private static List<TrackingToken> tokens(TrackingToken... tokens) {
        return Arrays.asList(tokens);
    }
}
