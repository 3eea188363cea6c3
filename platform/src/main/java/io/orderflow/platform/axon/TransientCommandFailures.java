package io.orderflow.platform.axon;

import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.commandhandling.distributed.CommandDispatchException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.web.client.ResourceAccessException;

import java.net.ConnectException;
import java.util.function.Predicate;

/**
 * Tells which command failures are worth retrying: the handler's node is unknown or unreachable for the moment
 * (a peer restarting, membership not refreshed yet), or another node changed the aggregate first. Business
 * refusals and everything else are final.
 */
public final class TransientCommandFailures implements Predicate<Throwable> {

    @Override
    public boolean test(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof NoHandlerForCommandException
                    || t instanceof CommandDispatchException
                    || t instanceof ResourceAccessException
                    || t instanceof ConnectException
                    || t instanceof ConcurrencyException) {
                return true;
            }
        }
        return false;
    }
}
