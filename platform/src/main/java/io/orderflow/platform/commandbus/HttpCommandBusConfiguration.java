package io.orderflow.platform.commandbus;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.platform.axonserver.ConditionalOnKafkaMessaging;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.distributed.AnnotationRoutingStrategy;
import org.axonframework.commandhandling.distributed.DistributedCommandBus;
import org.axonframework.extensions.springcloud.commandhandling.SpringHttpCommandBusConnector;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * Commands cross services over HTTP through Axon's {@link DistributedCommandBus}: the axon-springcloud HTTP
 * connector carries them, a {@link StaticCommandRouter} over {@code orderflow.commandbus.peers} routes them.
 * Commands a node handles itself never leave it. Off in the {@code axonserver} profile, where Axon Server routes
 * commands.
 */
@AutoConfiguration(before = AxonAutoConfiguration.class)
@ConditionalOnProperty("orderflow.commandbus.enabled")
@ConditionalOnKafkaMessaging
@EnableConfigurationProperties(CommandBusProperties.class)
public class HttpCommandBusConfiguration {

    @Bean
    public ClientHttpRequestFactory commandBusRequestFactory(CommandBusProperties properties) {
        SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
        factory.setConnectTimeout(properties.connectTimeout());
        factory.setReadTimeout(properties.readTimeout());
        return factory;
    }

    @Bean
    public StaticCommandRouter commandRouter(@Value("${spring.application.name}") String self,
                                             CommandBusProperties properties,
                                             ClientHttpRequestFactory commandBusRequestFactory,
                                             ObjectMapper objectMapper) {
        if (!properties.peers().containsKey(self)) {
            throw new IllegalStateException("orderflow.commandbus.peers must list this service (" + self + ")");
        }
        return new StaticCommandRouter(self, properties.peers(), new AnnotationRoutingStrategy(),
                                       RestClient.builder().requestFactory(commandBusRequestFactory).build(),
                                       objectMapper);
    }

    /** Declared with its concrete type: Spring MVC maps the connector's endpoint only then. */
    @Bean
    public SpringHttpCommandBusConnector springHttpCommandBusConnector(@Qualifier("localSegment") CommandBus localSegment,
                                                                       ClientHttpRequestFactory commandBusRequestFactory,
                                                                       @Qualifier("messageSerializer") Serializer serializer) {
        return SpringHttpCommandBusConnector.builder()
                                            .localCommandBus(localSegment)
                                            .restOperations(new RestTemplate(commandBusRequestFactory))
                                            .serializer(serializer)
                                            .build();
    }

    @Bean
    @Primary
    public DistributedCommandBus distributedCommandBus(StaticCommandRouter commandRouter,
                                                       SpringHttpCommandBusConnector connector) {
        return DistributedCommandBus.builder().commandRouter(commandRouter).connector(connector).build();
    }

    @Bean
    public CommandBusCapabilitiesController commandBusCapabilitiesController(StaticCommandRouter router) {
        return new CommandBusCapabilitiesController(router);
    }

    @Bean
    public PeerRefresh peerRefresh(StaticCommandRouter router, CommandBusProperties properties) {
        return new PeerRefresh(router, properties.refreshInterval());
    }
}
