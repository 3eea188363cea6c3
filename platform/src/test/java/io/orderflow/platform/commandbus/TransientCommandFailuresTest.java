package io.orderflow.platform.commandbus;

import io.orderflow.platform.axon.TransientCommandFailures;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.commandhandling.distributed.CommandDispatchException;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.ResourceAccessException;

import java.net.ConnectException;

import static org.assertj.core.api.Assertions.assertThat;

class TransientCommandFailuresTest {

    private final TransientCommandFailures transientFailures = new TransientCommandFailures();

    @Test
    void retriesWhenNoNodeHandlesTheCommandYet() {
        assertThat(transientFailures.test(new NoHandlerForCommandException("none"))).isTrue();
    }

    @Test
    void retriesWhenThePeerIsUnreachable() {
        assertThat(transientFailures.test(new CommandDispatchException("down",
                new ResourceAccessException("I/O error", new ConnectException("refused"))))).isTrue();
    }

    @Test
    void doesNotRetryBusinessRefusals() {
        assertThat(transientFailures.test(new CommandExecutionException("no", null, "CONFLICT"))).isFalse();
        assertThat(transientFailures.test(new IllegalArgumentException("bad"))).isFalse();
    }
}
