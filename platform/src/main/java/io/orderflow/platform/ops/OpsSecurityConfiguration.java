package io.orderflow.platform.ops;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Only {@code /ops/**} asks for a credential (the operator's, HTTP Basic, role OPERATOR). The public REST API,
 * Actuator, the OpenAPI docs and the command bus's endpoints between services stay as open as they were.
 */
@AutoConfiguration(before = {SecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class})
@EnableConfigurationProperties(OperatorProperties.class)
public class OpsSecurityConfiguration {

    static final String ROLE = "OPERATOR";

    @Bean
    @Order(1)
    public SecurityFilterChain opsSecurityFilterChain(HttpSecurity http) throws Exception {
        return http.securityMatcher("/ops/**")
                   .authorizeHttpRequests(requests -> requests.anyRequest().hasRole(ROLE))
                   .httpBasic(basic -> basic.realmName("orderflow-ops"))
                   .csrf(csrf -> csrf.disable())
                   .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                   .build();
    }

    @Bean
    @Order(2)
    public SecurityFilterChain openSecurityFilterChain(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                   .csrf(csrf -> csrf.disable())
                   .requestCache(cache -> cache.disable())
                   .securityContext(context -> context.disable())
                   .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                   .build();
    }

    @Bean
    public UserDetailsService operatorUserDetailsService(OperatorProperties operator) {
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
        if (operator.configured()) {
            users.createUser(User.withUsername(operator.user())
                                 .password("{noop}" + operator.password())
                                 .roles(ROLE)
                                 .build());
        }
        return users;
    }
}
