package io.orderflow.platform.ops;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nonnull;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenTelemetry trace a message belongs to, read from the W3C {@code traceparent} that Axon's tracing writes into
 * every command's and event's metadata (and that travels with it over HTTP, Kafka and Axon Server). The logging MDC
 * gets the same id from the active span, so the ops API, the dashboard's journey and every service's log lines name
 * one order's path by one id. The interceptors count handled messages for the ops API and log each command.
 */
final class TraceIds {

    static final String TRACEPARENT = "traceparent";
    /** {@code version-traceid-spanid-flags}; an all-zero trace id is invalid. */
    private static final Pattern W3C = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final String INVALID = "0".repeat(32);

    /** One line per handled command, in the trace of the command (the MDC has its trace and span ids). */
    private static final Logger COMMANDS = LoggerFactory.getLogger("io.orderflow.commands");

    private TraceIds() {
    }

    private static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }

    static MessageHandlerInterceptor<EventMessage<?>> events(String processor, OpsStats stats) {
        return new MessageHandlerInterceptor<>() {
            @Override
            public Object handle(@Nonnull UnitOfWork<? extends EventMessage<?>> unitOfWork,
                                 @Nonnull InterceptorChain chain) throws Exception {
                Object result = chain.proceed();
                stats.eventHandled(processor, unitOfWork.getMessage().getTimestamp());
                return result;
            }
        };
    }

    static MessageHandlerInterceptor<CommandMessage<?>> commands(OpsStats stats) {
        return new MessageHandlerInterceptor<>() {
            @Override
            public Object handle(@Nonnull UnitOfWork<? extends CommandMessage<?>> unitOfWork,
                                 @Nonnull InterceptorChain chain) throws Exception {
                CommandMessage<?> command = unitOfWork.getMessage();
                long started = System.nanoTime();
                boolean failed = true;
                try {
                    Object result = chain.proceed();
                    failed = false;
                    return result;
                } catch (Exception e) {
                    COMMANDS.info("{} failed after {} ms: {}", command.getCommandName(), millisSince(started),
                                  e.getMessage());
                    throw e;
                } finally {
                    stats.commandHandled(failed);
                    if (!failed) {
                        COMMANDS.info("{} handled in {} ms", command.getCommandName(), millisSince(started));
                    }
                }
            }
        };
    }

    /** @return the message's trace id (32 hex digits), or {@code null} if it was sent outside any trace */
    static String traceId(Message<?> message) {
        Object traceparent = message.getMetaData().get(TRACEPARENT);
        return traceparent == null ? null : fromTraceparent(traceparent.toString());
    }

    /** @return the trace id in a W3C {@code traceparent} value, or {@code null} if it is none */
    static String fromTraceparent(String traceparent) {
        if (traceparent == null) {
            return null;
        }
        Matcher matcher = W3C.matcher(traceparent.trim());
        return matcher.matches() && !matcher.group(1).equals(INVALID) ? matcher.group(1) : null;
    }
}
