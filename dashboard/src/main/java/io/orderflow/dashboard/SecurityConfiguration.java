package io.orderflow.dashboard;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Operators only: a login page (or HTTP Basic for scripts) with the operator credential; only the login page, its
 * stylesheet and health are open. CSRF tokens are off because the session cookie is {@code SameSite=Strict}
 * (see application.yml): no other site can make the browser send it.
 */
@Configuration
public class SecurityConfiguration {

    @Bean
    public SecurityFilterChain dashboardSecurity(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests
                           .requestMatchers("/login.html", "/app.css", "/actuator/health", "/actuator/health/**")
                           .permitAll()
                           .anyRequest().hasRole("OPERATOR"))
                   .formLogin(form -> form.loginPage("/login.html").loginProcessingUrl("/login")
                                          .defaultSuccessUrl("/", true).failureUrl("/login.html?error"))
                   .httpBasic(basic -> basic.realmName("orderflow-dashboard"))
                   .logout(logout -> logout.logoutSuccessUrl("/login.html?logout"))
                   .csrf(csrf -> csrf.disable())
                   .build();
    }

    /**
     * The operator, and nobody else. Deliberately not Spring's in-memory user manager: being a password service, it
     * re-encodes the password with bcrypt on the first login, after which every HTTP Basic request pays a bcrypt
     * check. The configured password is compared as it is; form logins then live in the session.
     */
    @Bean
    public UserDetailsService operators(OperatorProperties operator) {
        return name -> {
            if (!operator.configured() || !operator.user().equals(name)) {
                throw new UsernameNotFoundException("Unknown user");
            }
            return User.withUsername(operator.user()).password("{noop}" + operator.password()).roles("OPERATOR").build();
        };
    }
}
