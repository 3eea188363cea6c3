package io.orderflow.fulfillment.command;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.orderflow.fulfillment.api.DispatchShipmentCommand;
import io.orderflow.fulfillment.api.FulfillmentErrorCode;
import io.orderflow.fulfillment.api.ShipmentPreparedEvent;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Dispatches every prepared shipment by itself, at once or a fixed delay after its preparation.
 * <p>
 * Both ways survive restarts. This handler tracks the event store, so a preparation it has not acted on yet is
 * still there after a restart. Without a delay it dispatches inside its own unit of work: the dispatch's events and
 * its token commit together or not at all. With a delay it schedules a db-scheduler task in the same transaction as
 * its token, and the task (a row in the service's database) runs on whichever node is up when it falls due.
 * A shipment cancelled in the meantime stays cancelled: its dispatch is refused, and that ends the matter.
 */
@ProcessingGroup(AutoDispatcher.PROCESSING_GROUP)
public class AutoDispatcher {

    public static final String PROCESSING_GROUP = "auto-dispatch";
    public static final TaskDescriptor<Void> TASK = TaskDescriptor.of("auto-dispatch-shipment");

    private static final Logger log = LoggerFactory.getLogger(AutoDispatcher.class);

    private final CommandGateway commands;
    private final SchedulerClient scheduler;
    private final Duration delay;

    public AutoDispatcher(CommandGateway commands, SchedulerClient scheduler, Duration delay) {
        this.commands = commands;
        this.scheduler = scheduler;
        this.delay = delay;
    }

    /**
     * @param commands where the task sends its command, looked up when it runs
     * @return the task that dispatches a shipment whose delay is over; its instance id is the shipment's id
     */
    public static OneTimeTask<Void> task(Supplier<CommandGateway> commands) {
        return Tasks.oneTime(TASK)
                    .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(Duration.ofSeconds(1)))
                    .execute((instance, context) -> dispatch(commands.get(), instance.getId()));
    }

    @EventHandler
    @DisallowReplay
    void on(ShipmentPreparedEvent event, @Timestamp Instant preparedAt) {
        if (delay.isZero() || delay.isNegative()) {
            dispatch(commands, event.shipmentId());
        } else {
            scheduler.scheduleIfNotExists(TASK.instance(event.shipmentId()).scheduledTo(preparedAt.plus(delay)));
        }
    }

    private static void dispatch(CommandGateway commands, String shipmentId) {
        try {
            commands.sendAndWait(new DispatchShipmentCommand(shipmentId));
        } catch (CommandExecutionException e) {
            if (e.getDetails().filter(FulfillmentErrorCode.SHIPMENT_STATE_CONFLICT::equals).isEmpty()) {
                throw e;
            }
            log.info("Shipment {} is not dispatched automatically: {}", shipmentId, e.getMessage());
        }
    }
}
