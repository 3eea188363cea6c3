package io.orderflow.platform.axonserver;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns an unreachable Axon Server into Spring Boot's short "APPLICATION FAILED TO START" report, no stack trace. */
public class AxonServerUnreachableFailureAnalyzer extends AbstractFailureAnalyzer<AxonServerUnreachableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, AxonServerUnreachableException cause) {
        return new FailureAnalysis(
                cause.getMessage() + ".",
                "Start Axon Server (see axon-server/README.md) or set AXONSERVER_SERVERS (now " + cause.servers()
                + ") to the host:port of a running one. To run without Axon Server, start without the "
                + "'axonserver' profile.",
                cause);
    }
}
