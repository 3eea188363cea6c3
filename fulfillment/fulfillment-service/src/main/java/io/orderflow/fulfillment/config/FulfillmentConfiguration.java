package io.orderflow.fulfillment.config;

import io.orderflow.fulfillment.command.AutoDispatcher;
import io.orderflow.fulfillment.query.InventoryProjection;
import io.orderflow.fulfillment.query.ShipmentProjection;
import io.orderflow.platform.axon.AxonCaches;
import org.axonframework.common.caching.Cache;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({AutoDispatchProperties.class, StockProperties.class})
public class FulfillmentConfiguration {

    @Bean
    public SnapshotTriggerDefinition stockItemSnapshotTrigger(Snapshotter snapshotter, StockProperties properties) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, properties.snapshotThreshold());
    }

    /** Every SKU stays in memory: each reservation, release and dispatch of an order loads its SKUs. */
    @Bean
    public Cache stockItemCache(AxonCaches caches) {
        return caches.create("stock-items", 10_000);
    }

    /**
     * A failing event handler makes its processor retry the event rather than skip it (Axon's default): a skipped
     * event would leave a view wrong for good, or a shipment never dispatched.
     */
    @Bean
    public ConfigurerModule retryFailedEventHandling() {
        return configurer -> configurer.eventProcessing(processing -> List.of(
                InventoryProjection.PROCESSING_GROUP, ShipmentProjection.PROCESSING_GROUP,
                AutoDispatcher.PROCESSING_GROUP).forEach(group -> processing.registerListenerInvocationErrorHandler(
                group, axon -> PropagatingErrorHandler.instance())));
    }
}
