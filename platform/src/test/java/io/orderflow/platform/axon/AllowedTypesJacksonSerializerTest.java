package io.orderflow.platform.axon;

import io.orderflow.platform.kafka.api.SomethingHappenedEvent;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.UnknownSerializedType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AllowedTypesJacksonSerializerTest {

    private final AllowedTypesJacksonSerializer serializer = AllowedTypesJacksonSerializer.create(
            new AnnotationRevisionResolver(), getClass().getClassLoader());

    @Test
    void readsOrderFlowsOwnMessagesAndPlainValues() {
        SomethingHappenedEvent event = new SomethingHappenedEvent("a-1");
        SerializedObject<byte[]> serialized = serializer.serialize(event, byte[].class);
        assertThat((Object) serializer.deserialize(serialized)).isEqualTo(event);
        assertThat((Object) serializer.deserialize(serializer.serialize("text", byte[].class))).isEqualTo("text");
    }

    @Test
    void neverLoadsATypeNamedFromTheWireThatIsNotAllowed() {
        for (String type : new String[] {"java.net.URL", "javax.naming.InitialContext", "java.lang.ProcessBuilder",
                                         "org.springframework.context.support.ClassPathXmlApplicationContext",
                                         "com.sun.rowset.JdbcRowSetImpl"}) {
            SimpleSerializedObject<byte[]> hostile = new SimpleSerializedObject<>(
                    "{\"command\":[\"sh\"]}".getBytes(StandardCharsets.UTF_8), byte[].class, type, null);
            Object read = serializer.deserialize(hostile);
            assertThat(read).as(type).isInstanceOf(UnknownSerializedType.class);
            assertThat(serializer.classForType(hostile.getType())).as(type).isEqualTo(UnknownSerializedType.class);
        }
    }

    @Test
    void readsAxonsTokensThatNameTheirPartsTypes() {
        TrackingToken replay = ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(10),
                                                             new GlobalSequenceTrackingToken(3), "rebuild");
        assertThat((Object) serializer.deserialize(serializer.serialize(replay, byte[].class))).isEqualTo(replay);
    }

    @Test
    void readsKafkaTrackingTokensAsTheyWereAndAreWritten() {
        KafkaTrackingToken token = KafkaTrackingToken.newInstance(Map.of(new TopicPartition("payments-events", 1), 120L,
                                                                         new TopicPartition("my-topic-2", 12), 16L));
        assertThat((Object) serializer.deserialize(serializer.serialize(token, byte[].class))).isEqualTo(token);
        // as Jackson 2 wrote it before
        SimpleSerializedObject<byte[]> stored = new SimpleSerializedObject<>(
                "{\"positions\":{\"payments-events-1\":120,\"my-topic-2-12\":16}}".getBytes(StandardCharsets.UTF_8),
                byte[].class, KafkaTrackingToken.class.getName(), null);
        assertThat((Object) serializer.deserialize(stored)).isEqualTo(token);
    }

    @Test
    void refusesATypeNamedInsideAnAxonTypeThatIsNotAllowed() {
        TrackingToken replay = ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(10),
                                                             new GlobalSequenceTrackingToken(3), null);
        SerializedObject<byte[]> serialized = serializer.serialize(replay, byte[].class);
        String json = new String(serialized.getData(), StandardCharsets.UTF_8);
        assertThat(json).contains(GlobalSequenceTrackingToken.class.getName());
        SimpleSerializedObject<byte[]> hostile = new SimpleSerializedObject<>(
                json.replace(GlobalSequenceTrackingToken.class.getName(), "java.net.URL")
                    .getBytes(StandardCharsets.UTF_8), byte[].class, serialized.getType());
        assertThatThrownBy(() -> serializer.deserialize(hostile)).isInstanceOf(SerializationException.class)
                                                                 .hasStackTraceContaining("java.net.URL");
    }

    @Test
    void acceptsNoTypeInformationInsideThePayload() {
        assertThat(serializer.getObjectMapper().deserializationConfig().getDefaultTyper(null)).isNull();
    }

    @Test
    void hasNoXStreamOnTheClassPath() {
        assertThatThrownBy(() -> Class.forName("com.thoughtworks.xstream.XStream"))
                .isInstanceOf(ClassNotFoundException.class);
    }
}
