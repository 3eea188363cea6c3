package io.orderflow.platform.kafka;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaEventMessage;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FetchOrderBufferTest {

    @Test
    void handsOutRecordsInFetchOrderSoTokensNeverSkipAhead() throws InterruptedException {
        // one poll: partition 0 has a (t=5s) and b (t=9s), partition 1 has c (t=3s); tokens are cumulative
        KafkaTrackingToken token = KafkaTrackingToken.emptyToken();
        List<KafkaEventMessage> fetched = new ArrayList<>();
        token = token.advancedTo("t", 0, 0);
        fetched.add(record("a", token, 0, 0, 5_000));
        token = token.advancedTo("t", 0, 1);
        fetched.add(record("b", token, 0, 1, 9_000));
        token = token.advancedTo("t", 1, 0);
        fetched.add(record("c", token, 1, 0, 3_000));
        FetchOrderBuffer buffer = new FetchOrderBuffer(10);

        buffer.putAll(fetched);

        List<Object> handedOut = new ArrayList<>();
        KafkaTrackingToken previous = KafkaTrackingToken.emptyToken();
        while (!buffer.isEmpty()) {
            KafkaEventMessage next = buffer.poll(1, TimeUnit.SECONDS);
            KafkaTrackingToken current = (KafkaTrackingToken) next.value().trackingToken();
            assertThat(current.covers(previous)).isTrue();
            previous = current;
            handedOut.add(next.value().getPayload());
        }
        assertThat(handedOut).containsExactly("a", "b", "c");
    }

    @Test
    void reportsAFetchFailureOnlyAfterWhatWasFetchedBefore() throws InterruptedException {
        FetchOrderBuffer buffer = new FetchOrderBuffer(10);
        buffer.put(record("a", KafkaTrackingToken.emptyToken().advancedTo("t", 0, 0), 0, 0, 1));
        buffer.setException(new IllegalStateException("broker gone"));

        assertThat(buffer.poll(10, TimeUnit.MILLISECONDS).value().getPayload()).isEqualTo("a");
        assertThatThrownBy(() -> buffer.poll(10, TimeUnit.MILLISECONDS)).hasMessage("broker gone");
    }

    @Test
    void answersNothingWhenEmptyAfterTheTimeout() throws InterruptedException {
        FetchOrderBuffer buffer = new FetchOrderBuffer(1);

        assertThat(buffer.poll(5, TimeUnit.MILLISECONDS)).isNull();
        assertThat(buffer.remainingCapacity()).isEqualTo(1);
    }

    private static KafkaEventMessage record(String payload, KafkaTrackingToken token, int partition, long offset,
                                            long timestamp) {
        return new KafkaEventMessage(new GenericTrackedEventMessage<>(token, GenericEventMessage.asEventMessage(payload)),
                                     partition, offset, timestamp);
    }
}
