package io.orderflow.payments.config;

import io.orderflow.platform.axon.AxonCaches;
import org.axonframework.common.caching.Cache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class PaymentsConfiguration {

    /** Every order authorizes, captures or voids on its customer's account: accounts stay in memory between them. */
    @Bean
    public Cache customerAccountCache(AxonCaches caches) {
        return caches.create("customer-accounts", 50_000);
    }
}
