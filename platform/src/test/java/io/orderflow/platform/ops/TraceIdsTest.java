package io.orderflow.platform.ops;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TraceIdsTest {

    @Test
    void readsTheTraceIdOfAW3cTraceparent() {
        assertThat(TraceIds.fromTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
                .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void readsItFromAMessagesMetadata() {
        var event = GenericEventMessage.asEventMessage("something")
                                       .andMetaData(MetaData.with("traceparent",
                                                                  "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00"));

        assertThat(TraceIds.traceId(event)).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    }

    @Test
    void hasNoneForMissingMalformedOrInvalidTraceparents() {
        assertThat(TraceIds.traceId(GenericEventMessage.asEventMessage("untraced"))).isNull();
        assertThat(TraceIds.fromTraceparent(null)).isNull();
        assertThat(TraceIds.fromTraceparent("not-a-traceparent")).isNull();
        assertThat(TraceIds.fromTraceparent("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01")).isNull();
        assertThat(TraceIds.fromTraceparent("00-00000000000000000000000000000000-00f067aa0ba902b7-01")).isNull();
    }
}
