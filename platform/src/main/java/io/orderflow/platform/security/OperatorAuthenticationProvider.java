package io.orderflow.platform.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Checks the operator's HTTP Basic credential against the configured one in constant time, at the cost of two
 * SHA-256 digests. It replaces Spring Security's {@code DaoAuthenticationProvider} over an in-memory user store,
 * which re-encoded the configured password with bcrypt on the first login and from then on paid a bcrypt check
 * (tens of milliseconds of CPU) on every Basic-authenticated request — the polling paths of the dashboard and
 * the load generator. The password only ever lives in this process's configuration, so there is nothing a
 * slow hash would protect here. Without a configured password every Basic attempt fails.
 */
public final class OperatorAuthenticationProvider implements AuthenticationProvider {

    private final String user;
    private final byte[] expected;

    public OperatorAuthenticationProvider(OperatorProperties operator) {
        this.user = operator.user();
        this.expected = operator.configured() ? digest(operator.user() + ':' + operator.password()) : null;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String presented = authentication.getName() + ':' + authentication.getCredentials();
        // digest and compare even when no password is configured: the answer takes as long either way
        boolean matches = MessageDigest.isEqual(digest(presented), expected == null ? new byte[32] : expected);
        if (expected == null || !matches) {
            throw new BadCredentialsException("Bad credentials");
        }
        return UsernamePasswordAuthenticationToken.authenticated(
                user, null, AuthorityUtils.createAuthorityList("ROLE_" + Caller.OPERATOR));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
