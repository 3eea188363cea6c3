package io.orderflow.orders.saga;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.messaging.Scope;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.modelling.saga.SagaScopeDescriptor;
import org.axonframework.serialization.SerializedObject;
import io.orderflow.platform.axon.AllowedTypesJacksonSerializer;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.test.deadline.StubDeadlineManager;
import org.axonframework.test.utils.RecordingCommandBus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.Callable;

import static io.orderflow.orders.saga.OrderSagaTest.AUTHORIZED;
import static io.orderflow.orders.saga.OrderSagaTest.CANCELLATION_REQUESTED;
import static io.orderflow.orders.saga.OrderSagaTest.CONFIRMED;
import static io.orderflow.orders.saga.OrderSagaTest.DEADLINE;
import static io.orderflow.orders.saga.OrderSagaTest.ORDER;
import static io.orderflow.orders.saga.OrderSagaTest.PLACED;
import static io.orderflow.orders.saga.OrderSagaTest.PREPARED;
import static io.orderflow.orders.saga.OrderSagaTest.RELEASE_STOCK;
import static io.orderflow.orders.saga.OrderSagaTest.RESEND;
import static io.orderflow.orders.saga.OrderSagaTest.RESERVED;
import static io.orderflow.orders.saga.OrderSagaTest.SHIPMENT_CANCELLED;
import static io.orderflow.orders.saga.OrderSagaTest.VOID_PAYMENT;
import static org.assertj.core.api.Assertions.assertThat;

/** The saga store keeps the saga as JSON written by the services' serializer (Axon's Jackson 3 serializer). */
class OrderSagaSerializationTest {

    private final AllowedTypesJacksonSerializer serializer = AllowedTypesJacksonSerializer.create(
                    new AnnotationRevisionResolver(), AllowedTypesJacksonSerializer.class.getClassLoader());
    private final ObjectMapper json = new ObjectMapper();
    private final RecordingCommandBus commandBus = new RecordingCommandBus();
    private final CommandGateway commands = DefaultCommandGateway.builder().commandBus(commandBus).build();
    private final StubDeadlineManager deadlines = new StubDeadlineManager();
    private final OrderSagaProperties properties = new OrderSagaProperties(DEADLINE, RESEND, java.time.Duration.ofSeconds(3), 5);

    private OrderSaga saga;

    @BeforeEach
    void driveASagaIntoCompensation() {
        saga = new OrderSaga();
        inSagaScope(() -> saga.on(PLACED, commands, deadlines, properties));
        saga.on(RESERVED, commands);
        saga.on(AUTHORIZED, commands);
        saga.on(CONFIRMED, commands);
        saga.on(PREPARED, commands);
        saga.on(CANCELLATION_REQUESTED, commands);
        commandBus.clearCommands();
    }

    @Test
    void storesItsWholeStateAsJson() throws Exception {
        JsonNode stored = json.readTree(serializer.serialize(saga, byte[].class).getData());

        assertThat(stored.path("orderId").asString()).isEqualTo(ORDER);
        assertThat(stored.path("customerId").asString()).isEqualTo(OrderSagaTest.CUSTOMER);
        assertThat(stored.path("lines")).hasSize(2);
        assertThat(stored.path("total").decimalValue()).isEqualByComparingTo(OrderSagaTest.TOTAL);
        assertThat(stored.path("goal").asString()).isEqualTo("COMPENSATE");
        assertThat(stored.path("reason").asString()).isEqualTo("CANCELLED_BY_CUSTOMER");
        assertThat(stored.path("stock").asString()).isEqualTo("RESERVED");
        assertThat(stored.path("payment").asString()).isEqualTo("AUTHORIZED");
        assertThat(stored.path("shipment").asString()).isEqualTo("CANCEL_REQUESTED");
        assertThat(stored.path("confirmation").asString()).isEqualTo("DONE");
        assertThat(stored.path("deadlineId").asString()).isNotBlank();
    }

    @Test
    void readsBackTheSameState() throws Exception {
        SerializedObject<byte[]> stored = serializer.serialize(saga, byte[].class);
        OrderSaga restored = serializer.deserialize(stored);

        assertThat(json.readTree(serializer.serialize(restored, byte[].class).getData()))
                .isEqualTo(json.readTree(stored.getData()));
    }

    @Test
    void continuesWhereItLeftOffOnceRestored() {
        OrderSaga restored = serializer.deserialize(serializer.serialize(saga, byte[].class));

        restored.on(SHIPMENT_CANCELLED, commands);

        assertThat(commandBus.getDispatchedCommands()).map(CommandMessage::getPayload)
                                                      .isEqualTo(List.of(VOID_PAYMENT, RELEASE_STOCK));
    }

    private static void inSagaScope(Runnable task) {
        try {
            new TestSagaScope().run(() -> {
                task.run();
                return null;
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Scheduling a deadline asks for the current scope, which Axon provides around every saga handler. */
    private static class TestSagaScope extends Scope {

        <V> V run(Callable<V> task) throws Exception {
            return executeWithResult(task);
        }

        @Override
        public ScopeDescriptor describeScope() {
            return new SagaScopeDescriptor(OrderSaga.class.getSimpleName(), "saga-1");
        }
    }
}
