package io.orderflow.platform.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * A service told of no token issuer or key ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri},
 * {@code jwk-set-uri} or {@code public-key-location}) accepts no token at all, rather than refusing to start or, worse,
 * trusting any: only the operator's Basic credential gets in. It says so at start-up.
 */
@AutoConfiguration(after = OAuth2ResourceServerAutoConfiguration.class)
public class JwtDecoderFallback {

    private static final Logger log = LoggerFactory.getLogger(JwtDecoderFallback.class);

    @Bean
    @ConditionalOnMissingBean(JwtDecoder.class)
    public JwtDecoder noTokenAccepted() {
        log.warn("No token issuer or public key configured (spring.security.oauth2.resourceserver.jwt.*): "
                 + "this service accepts no bearer token, only the operator's credential");
        return token -> {
            throw new BadJwtException("this service trusts no token issuer");
        };
    }
}
