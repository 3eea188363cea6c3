package io.orderflow.reporting.config;

import io.orderflow.orders.api.OrderPlacedEvent;
import io.orderflow.platform.axon.AddedFieldUpcaster;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Older forms of the published events reporting reads, still on the topics it rebuilds from. */
@Configuration
public class EventUpcastersConfiguration {

    /** Orders placed before revision 2 of {@link OrderPlacedEvent} named no currency: they were all in euros. */
    @Bean
    public AddedFieldUpcaster orderPlacedCurrencyUpcaster() {
        return new AddedFieldUpcaster(OrderPlacedEvent.class.getName(), null, OrderPlacedEvent.REVISION, "currency",
                                      OrderPlacedEvent.DEFAULT_CURRENCY);
    }
}
