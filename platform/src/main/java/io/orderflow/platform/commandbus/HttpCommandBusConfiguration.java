package io.orderflow.platform.commandbus;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.extensions.springcloud.autoconfig.SpringCloudAutoConfiguration;
import org.axonframework.extensions.springcloud.commandhandling.SpringHttpCommandBusConnector;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestTemplate;

import java.util.List;

/**
 * Commands cross services over HTTP through Axon's distributed command bus (axon-springcloud), with peers listed
 * by static discovery ({@code spring.cloud.discovery.client.simple.instances}, one entry per service, this one
 * included). Fills the gaps static discovery leaves: this node's registration, membership refreshes, and the
 * connector declared with its concrete type so Spring MVC maps its endpoint.
 */
@AutoConfiguration(before = SpringCloudAutoConfiguration.class, after = SimpleDiscoveryClientAutoConfiguration.class)
@ConditionalOnProperty("axon.distributed.enabled")
@EnableConfigurationProperties(CommandBusProperties.class)
public class HttpCommandBusConfiguration {

    @Bean
    public RestTemplate restTemplate(RestTemplateBuilder builder, CommandBusProperties properties) {
        return builder.connectTimeout(properties.connectTimeout())
                      .readTimeout(properties.readTimeout())
                      .build();
    }

    @Bean
    public StaticRegistration localRegistration(SimpleDiscoveryProperties discovery,
                                                @Value("${spring.application.name}") String serviceId) {
        List<DefaultServiceInstance> own = discovery.getInstances().get(serviceId);
        if (own == null || own.size() != 1) {
            throw new IllegalStateException("spring.cloud.discovery.client.simple.instances." + serviceId
                                                    + " must list exactly this service's own address");
        }
        DefaultServiceInstance instance = own.get(0);
        instance.setServiceId(serviceId);
        return new StaticRegistration(instance);
    }

    @Bean
    public MembershipHeartbeat membershipHeartbeat(ApplicationEventPublisher publisher, StaticRegistration registration,
                                                   CommandBusProperties properties) {
        return new MembershipHeartbeat(publisher, registration, properties.heartbeatInterval());
    }

    @Bean
    public SpringHttpCommandBusConnector springHttpCommandBusConnector(@Qualifier("localSegment") CommandBus localSegment,
                                                                       RestTemplate restTemplate,
                                                                       @Qualifier("messageSerializer") Serializer serializer) {
        return SpringHttpCommandBusConnector.builder()
                                            .localCommandBus(localSegment)
                                            .restOperations(restTemplate)
                                            .serializer(serializer)
                                            .build();
    }
}
