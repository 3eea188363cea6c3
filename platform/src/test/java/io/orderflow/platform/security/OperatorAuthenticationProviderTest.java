package io.orderflow.platform.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OperatorAuthenticationProviderTest {

    private final OperatorAuthenticationProvider provider =
            new OperatorAuthenticationProvider(new OperatorProperties("ops", "s3cret"));

    @Test
    void acceptsTheConfiguredCredentialAsOperator() {
        Authentication result = provider.authenticate(basic("ops", "s3cret"));

        assertThat(result.isAuthenticated()).isTrue();
        assertThat(result.getName()).isEqualTo("ops");
        assertThat(result.getCredentials()).isNull();
        assertThat(result.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_OPERATOR");
    }

    @Test
    void refusesAWrongPasswordOrUser() {
        assertThatThrownBy(() -> provider.authenticate(basic("ops", "s3cret!"))).isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> provider.authenticate(basic("other", "s3cret"))).isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> provider.authenticate(basic("ops:s3cret", ""))).isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void refusesEveryoneWithoutAConfiguredPassword() {
        OperatorAuthenticationProvider closed = new OperatorAuthenticationProvider(new OperatorProperties("ops", ""));

        assertThatThrownBy(() -> closed.authenticate(basic("ops", ""))).isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> closed.authenticate(basic("ops", "null"))).isInstanceOf(BadCredentialsException.class);
    }

    /** A slow password hash (bcrypt: tens of ms each) on this path would cost seconds here. */
    @Test
    void aThousandChecksCostLessThanOneSlowHash() {
        var threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 1_000; i++) {
            provider.authenticate(basic("ops", "s3cret"));
        }
        long before = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < 1_000; i++) {
            provider.authenticate(basic("ops", "s3cret"));
        }
        long cpuNanos = threads.getCurrentThreadCpuTime() - before;

        assertThat(cpuNanos).isLessThan(50_000_000L);
    }

    private static UsernamePasswordAuthenticationToken basic(String user, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(user, password);
    }
}
