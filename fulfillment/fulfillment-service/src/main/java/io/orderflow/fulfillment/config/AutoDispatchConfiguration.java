package io.orderflow.fulfillment.config;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import io.orderflow.fulfillment.command.AutoDispatcher;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Present only while auto-dispatch is on; otherwise shipments wait for {@code POST /shipments/{id}/dispatch}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "orderflow.fulfillment.auto-dispatch", name = "enabled", havingValue = "true",
        matchIfMissing = true)
public class AutoDispatchConfiguration {

    /** The scheduler is built from its tasks, and the command gateway from Axon's configuration: look it up late. */
    @Bean
    public OneTimeTask<Void> autoDispatchTask(ObjectProvider<CommandGateway> commands) {
        return AutoDispatcher.task(commands::getObject);
    }

    @Bean
    public AutoDispatcher autoDispatcher(CommandGateway commands, SchedulerClient scheduler,
                                         AutoDispatchProperties properties) {
        return new AutoDispatcher(commands, scheduler, properties.delay());
    }
}
