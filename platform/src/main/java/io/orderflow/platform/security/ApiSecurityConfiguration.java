package io.orderflow.platform.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every client call is authenticated. A client presents a JWT (OAuth2 resource server: Spring Boot's
 * {@code spring.security.oauth2.resourceserver.jwt.*} say which issuer or key to trust; the {@code roles} claim holds
 * {@value Caller#CUSTOMER} or {@value Caller#OPERATOR}, the subject is the customer's id) or, for operators, the
 * operator's HTTP Basic credential. Without credentials only health and the API docs answer; {@code /ops/**}, the
 * rest of Actuator and the service's {@code orderflow.security.operator-paths} need the operator role. What belongs
 * to whom is checked by the controllers through {@link Caller}. The command bus's endpoints have their own chain
 * (peer secret) ahead of this one.
 */
@AutoConfiguration(before = {SecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class,
                             OAuth2ResourceServerAutoConfiguration.class})
@EnableConfigurationProperties({OperatorProperties.class, AccessProperties.class})
public class ApiSecurityConfiguration {

    static final String ROLES_CLAIM = "roles";

    @Bean
    @Order(1)
    public SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, AccessProperties access) throws Exception {
        return http.authorizeHttpRequests(requests -> {
                       requests.requestMatchers("/actuator/health", "/actuator/health/**", "/error",
                                                "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                               .permitAll()
                               .requestMatchers("/ops/**", "/actuator/**").hasRole(Caller.OPERATOR);
                       for (String entry : access.operatorPaths()) {
                           String[] parts = entry.trim().split("\\s+", 2);
                           if (parts.length == 2) {
                               requests.requestMatchers(HttpMethod.valueOf(parts[0]), parts[1]).hasRole(Caller.OPERATOR);
                           } else {
                               requests.requestMatchers(parts[0]).hasRole(Caller.OPERATOR);
                           }
                       }
                       requests.anyRequest().hasAnyRole(Caller.CUSTOMER, Caller.OPERATOR);
                   })
                   .oauth2ResourceServer(resource -> resource
                           .jwt(jwt -> jwt.jwtAuthenticationConverter(rolesClaim()))
                           .authenticationEntryPoint(ProblemResponses.unauthorized()))
                   .httpBasic(basic -> basic.authenticationEntryPoint(ProblemResponses.unauthorized()))
                   .exceptionHandling(errors -> errors.authenticationEntryPoint(ProblemResponses.unauthorized())
                                                      .accessDeniedHandler(ProblemResponses.forbidden()))
                   .csrf(csrf -> csrf.disable())
                   .requestCache(cache -> cache.disable())
                   .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                   .build();
    }

    /**
     * The operator's HTTP Basic credential; the only user this service knows itself (customers come with tokens).
     * Being an {@code AuthenticationProvider} bean, it is what HTTP Basic authenticates with, and Boot configures no
     * user store beside it.
     */
    @Bean
    public OperatorAuthenticationProvider operatorAuthenticationProvider(OperatorProperties operator) {
        return new OperatorAuthenticationProvider(operator);
    }

    /**
     * Spring Security observes each filter of each request and each authentication and authorization by default: a
     * large share of a request's CPU, read by nobody. The request itself stays observed (HTTP server metrics, its
     * span).
     */
    @Bean
    public SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    private static JwtAuthenticationConverter rolesClaim() {
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName(ROLES_CLAIM);
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return converter;
    }
}
