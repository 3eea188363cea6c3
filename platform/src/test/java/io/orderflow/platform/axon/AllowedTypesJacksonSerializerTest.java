package io.orderflow.platform.axon;

import io.orderflow.platform.kafka.api.SomethingHappenedEvent;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.UnknownSerializedType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

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
    void acceptsNoTypeInformationInsideThePayload() {
        assertThat(serializer.getObjectMapper().deserializationConfig().getDefaultTyper(null)).isNull();
    }

    @Test
    void hasNoXStreamOnTheClassPath() {
        assertThatThrownBy(() -> Class.forName("com.thoughtworks.xstream.XStream"))
                .isInstanceOf(ClassNotFoundException.class);
    }
}
