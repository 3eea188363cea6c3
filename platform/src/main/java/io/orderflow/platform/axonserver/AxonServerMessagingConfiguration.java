package io.orderflow.platform.axonserver;

import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.axonframework.axonserver.connector.event.axon.AxonServerEventStoreFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.springboot.autoconfig.AxonServerBusAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The {@code axonserver} profile: commands, events and queries go through Axon Server (Axon's own
 * auto-configuration provides its command bus, query bus and event store; Kafka and the HTTP command bus stay off).
 * Tokens, sagas, dead letters, deadlines and projections stay in the service's own PostgreSQL database.
 */
@AutoConfiguration(after = AxonServerBusAutoConfiguration.class)
@ConditionalOnAxonServer
@EnableConfigurationProperties(AxonServerProperties.class)
public class AxonServerMessagingConfiguration {

    @Bean
    public AxonServerEventSources axonServerEventSources(EventStore eventStore, AxonServerConfiguration axonServer,
                                                         AxonServerProperties properties,
                                                         AxonServerEventStoreFactory factory) {
        return new AxonServerEventSources(eventStore, axonServer.getContext(), properties, factory);
    }

    @Bean
    public AxonServerStartupCheck axonServerStartupCheck(AxonServerConnectionManager connections,
                                                         AxonServerConfiguration axonServer,
                                                         AxonServerProperties properties) {
        return new AxonServerStartupCheck(connections, axonServer.getServers(), axonServer.getContext(),
                                          properties.startupTimeout());
    }
}
