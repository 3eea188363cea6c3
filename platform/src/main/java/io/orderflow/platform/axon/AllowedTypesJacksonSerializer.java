package io.orderflow.platform.axon;

import io.orderflow.platform.kafka.KafkaTokenJson;
import org.axonframework.serialization.ChainingConverter;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.slf4j.Logger;
import tools.jackson.databind.DatabindContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.jsontype.PolymorphicTypeValidator;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;

/**
 * Axon's Jackson 3 serializer, instantiating only types a stored or received message may legitimately name: OrderFlow's
 * own messages, sagas and aggregates, Axon's own infrastructure types (tokens, metadata, deadlines, remote results)
 * and plain Java values. The type name comes from the wire (a Kafka header, a command-bus request, a database row);
 * any other name is not loaded at all and deserializes to an {@link UnknownSerializedType}, which handlers ignore.
 * Jackson's default typing stays off, so no payload can name its own classes inside the JSON either.
 */
public class AllowedTypesJacksonSerializer extends Jackson3Serializer {

    private static final Logger log = LoggerFactory.getLogger(AllowedTypesJacksonSerializer.class);
    private static final List<String> ALLOWED_PACKAGES = List.of("io.orderflow.", "org.axonframework.", "java.time.");
    private static final Set<String> ALLOWED_TYPES = Set.of(
            "java.lang.String", "java.lang.Boolean", "java.lang.Byte", "java.lang.Short", "java.lang.Integer",
            "java.lang.Long", "java.lang.Float", "java.lang.Double", "java.lang.Character", "java.lang.Void",
            "java.math.BigDecimal", "java.math.BigInteger", "java.util.UUID",
            "java.util.ArrayList", "java.util.LinkedList", "java.util.HashMap", "java.util.LinkedHashMap",
            "java.util.TreeMap", "java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeSet");

    protected AllowedTypesJacksonSerializer(Builder builder) {
        super(builder);
    }

    /**
     * Reads what earlier versions wrote (Jackson 2 with Spring Boot's defaults: ISO dates, unknown properties
     * ignored) and writes the same form: Jackson 3's defaults already write dates as ISO strings and records by their
     * components; an event read by an older consumer may carry fields it does not know. Where one of Axon's types
     * names a class inside its JSON ({@code @JsonTypeInfo}, e.g. a replay token's context), the same allow-list
     * decides; Jackson 3's default validator would refuse them all, Jackson 2's allowed any. Kafka tracking tokens
     * need {@link KafkaTokenJson}.
     */
    public static AllowedTypesJacksonSerializer create(RevisionResolver revisionResolver, ClassLoader classLoader) {
        return new AllowedTypesJacksonSerializer(Jackson3Serializer.builder()
                                                                   .revisionResolver(revisionResolver)
                                                                   .classLoader(classLoader)
                                                                   .converter(new ChainingConverter(classLoader))
                                                                   .lenientDeserialization()
                                                                   .jsonMapperBuilderCustomizer(
                                                                           mapper -> mapper.polymorphicTypeValidator(
                                                                                                   new AllowedSubtypes())
                                                                                           .addModule(KafkaTokenJson.module())));
    }

    /** @return whether a serialized message may name this class */
    public static boolean allowed(String className) {
        return ALLOWED_TYPES.contains(className) || ALLOWED_PACKAGES.stream().anyMatch(className::startsWith);
    }

    @Override
    public Class classForType(SerializedType type) {
        String className = resolveClassName(type);
        if (!SerializedType.emptyType().equals(type) && !allowed(className)) {
            log.warn("Refused to deserialize a {}: not a type OrderFlow's messages may name", className);
            return UnknownSerializedType.class;
        }
        return super.classForType(type);
    }

    private static final class AllowedSubtypes extends PolymorphicTypeValidator.Base {

        @Override
        public Validity validateSubClassName(DatabindContext context, JavaType baseType, String subClassName) {
            return allowed(subClassName) ? Validity.ALLOWED : Validity.DENIED;
        }
    }
}
