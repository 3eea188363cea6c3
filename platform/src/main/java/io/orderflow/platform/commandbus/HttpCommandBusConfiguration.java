package io.orderflow.platform.commandbus;

import tools.jackson.databind.ObjectMapper;
import io.orderflow.platform.axonserver.ConditionalOnKafkaMessaging;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.distributed.AnnotationRoutingStrategy;
import org.axonframework.commandhandling.distributed.DistributedCommandBus;
import org.axonframework.extensions.springcloud.commandhandling.SpringHttpCommandBusConnector;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.web.client.RestClient;

import java.net.http.HttpClient;

/**
 * Commands cross services over HTTP through Axon's {@link DistributedCommandBus}: the axon-springcloud HTTP
 * connector carries them, a {@link StaticCommandRouter} over {@code orderflow.commandbus.peers} routes them.
 * Commands a node handles itself never leave it; the others are sent by a {@link CommandSender} pool, so the
 * dispatching thread goes on while the command travels. Only peers that know the shared secret get in
 * ({@link PeerAuthentication}). Off in the {@code axonserver} profile, where Axon Server routes
 * commands.
 */
@AutoConfiguration(before = AxonAutoConfiguration.class)
@ConditionalOnProperty("orderflow.commandbus.enabled")
@ConditionalOnKafkaMessaging
@EnableConfigurationProperties(CommandBusProperties.class)
public class HttpCommandBusConfiguration {

    /** Where axon-springcloud's connector receives commands from peers. */
    static final String CONNECTOR_PATHS = "/spring-command-bus-connector/**";

    /** Keeps connections to peers open and reuses them however many senders run (HTTP/1.1, no upgrade attempts). */
    @Bean
    public ClientHttpRequestFactory commandBusRequestFactory(CommandBusProperties properties) {
        HttpClient client = HttpClient.newBuilder()
                                      .version(HttpClient.Version.HTTP_1_1)
                                      .connectTimeout(properties.connectTimeout())
                                      .build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client);
        factory.setReadTimeout(properties.readTimeout());
        return factory;
    }

    @Bean
    public PeerAuthentication peerAuthentication(CommandBusProperties properties) {
        return new PeerAuthentication(properties.secret());
    }

    /**
     * The command bus's own endpoints (the connector's and the capabilities) answer peers that present the shared
     * secret, and nobody else: 401 without it. Ahead of every other filter chain of the service.
     */
    @Bean
    @Order(0)
    public SecurityFilterChain commandBusSecurityFilterChain(HttpSecurity http, PeerAuthentication peers)
            throws Exception {
        return http.securityMatcher(CONNECTOR_PATHS, CommandBusCapabilitiesController.PATH)
                   .addFilterBefore(peers.filter(), AnonymousAuthenticationFilter.class)
                   .authorizeHttpRequests(requests -> requests.anyRequest().hasRole(PeerAuthentication.ROLE))
                   .exceptionHandling(errors -> errors.authenticationEntryPoint(
                           new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)))
                   .csrf(csrf -> csrf.disable())
                   .requestCache(cache -> cache.disable())
                   .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                   .build();
    }

    @Bean(destroyMethod = "close")
    public CommandSender commandSender(CommandBusProperties properties) {
        return new CommandSender(properties.senderThreads());
    }

    @Bean
    public StaticCommandRouter commandRouter(@Value("${spring.application.name}") String self,
                                             CommandBusProperties properties,
                                             ClientHttpRequestFactory commandBusRequestFactory,
                                             PeerAuthentication peerAuthentication,
                                             ObjectMapper objectMapper) {
        if (!properties.peers().containsKey(self)) {
            throw new IllegalStateException("orderflow.commandbus.peers must list this service (" + self + ")");
        }
        return new StaticCommandRouter(self, properties.peers(), AnnotationRoutingStrategy.defaultStrategy(),
                                       RestClient.builder().requestFactory(commandBusRequestFactory)
                                                 .requestInterceptor(peerAuthentication.clientInterceptor()).build(),
                                       objectMapper);
    }

    /**
     * Declared with its concrete type: Spring MVC maps the connector's endpoint only then. Its requests are observed
     * like any other client call of the service, so they carry the sender's trace to the peer.
     */
    @Bean
    public SpringHttpCommandBusConnector springHttpCommandBusConnector(@Qualifier("localSegment") CommandBus localSegment,
                                                                       ClientHttpRequestFactory commandBusRequestFactory,
                                                                       RestTemplateBuilder restTemplateBuilder,
                                                                       PeerAuthentication peerAuthentication,
                                                                       CommandSender commandSender,
                                                                       @Qualifier("messageSerializer") Serializer serializer) {
        return SpringHttpCommandBusConnector.builder()
                                            .localCommandBus(localSegment)
                                            .restOperations(restTemplateBuilder.requestFactory(() -> commandBusRequestFactory)
                                                                               .additionalInterceptors(
                                                                                       peerAuthentication.clientInterceptor())
                                                                               .build())
                                            .serializer(serializer)
                                            .executor(commandSender::send)
                                            .build();
    }

    @Bean
    @Primary
    public DistributedCommandBus distributedCommandBus(StaticCommandRouter commandRouter,
                                                       SpringHttpCommandBusConnector connector,
                                                       ObjectProvider<CommandBusSpanFactory> spanFactory) {
        DistributedCommandBus.Builder builder = DistributedCommandBus.builder()
                                                                     .commandRouter(commandRouter)
                                                                     .connector(connector);
        spanFactory.ifAvailable(builder::spanFactory);
        return builder.build();
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
