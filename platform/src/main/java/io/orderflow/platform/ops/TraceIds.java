package io.orderflow.platform.ops;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.MDC;

import javax.annotation.Nonnull;

/**
 * Axon's {@code traceId} metadata (set by its {@code MessageOriginProvider} to the id of the message that started
 * the flow, and carried by every command and event caused by it, across HTTP and Kafka) is the trace id of the
 * order's whole path. While a handler runs it is in the logging MDC as {@code traceId}, so every service's log
 * lines about one order share it; the handling is counted for the ops API on the way.
 */
final class TraceIds {

    static final String TRACE_ID = "traceId";
    static final String CORRELATION_ID = "correlationId";

    private TraceIds() {
    }

    static MessageHandlerInterceptor<EventMessage<?>> events(String processor, OpsStats stats) {
        return new MessageHandlerInterceptor<>() {
            @Override
            public Object handle(@Nonnull UnitOfWork<? extends EventMessage<?>> unitOfWork,
                                 @Nonnull InterceptorChain chain) throws Exception {
                EventMessage<?> event = unitOfWork.getMessage();
                try (MdcScope ignored = MdcScope.of(event)) {
                    Object result = chain.proceed();
                    stats.eventHandled(processor, event.getTimestamp());
                    return result;
                }
            }
        };
    }

    static MessageHandlerInterceptor<CommandMessage<?>> commands(OpsStats stats) {
        return new MessageHandlerInterceptor<>() {
            @Override
            public Object handle(@Nonnull UnitOfWork<? extends CommandMessage<?>> unitOfWork,
                                 @Nonnull InterceptorChain chain) throws Exception {
                try (MdcScope ignored = MdcScope.of(unitOfWork.getMessage())) {
                    boolean failed = true;
                    try {
                        Object result = chain.proceed();
                        failed = false;
                        return result;
                    } finally {
                        stats.commandHandled(failed);
                    }
                }
            }
        };
    }

    static String traceId(Message<?> message) {
        Object traceId = message.getMetaData().get(TRACE_ID);
        return traceId == null ? null : traceId.toString();
    }

    private record MdcScope(String previous) implements AutoCloseable {

        static MdcScope of(Message<?> message) {
            String previous = MDC.get(TRACE_ID);
            String traceId = traceId(message);
            if (traceId != null) {
                MDC.put(TRACE_ID, traceId);
            }
            return new MdcScope(previous);
        }

        @Override
        public void close() {
            if (previous == null) {
                MDC.remove(TRACE_ID);
            } else {
                MDC.put(TRACE_ID, previous);
            }
        }
    }
}
