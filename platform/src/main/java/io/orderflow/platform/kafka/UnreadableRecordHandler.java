package io.orderflow.platform.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventHandler;

/**
 * Sets unreadable records aside in a projection's processing group: it fails on each one, so the group's dead-letter
 * queue takes it, in a sequence of its own (it names no aggregate), and the processor goes on. Without it the
 * group's handlers would not recognise the record and it would be skipped in silence.
 */
public final class UnreadableRecordHandler {

    private final Counter setAside;

    private UnreadableRecordHandler(Counter setAside) {
        this.setAside = setAside;
    }

    /** Adds a handler of unreadable records to {@code processingGroup}, counting them in {@link #METER}. */
    public static void register(EventProcessingConfigurer processing, String processingGroup, MeterRegistry meters) {
        UnreadableRecordHandler handler =
                new UnreadableRecordHandler(setAsideCounter(meters, processingGroup, "unreadable"));
        processing.registerEventHandler(config -> handler)
                  .assignHandlerInstancesMatching(processingGroup, Integer.MAX_VALUE, instance -> instance == handler);
    }

    /** Messages set aside as dead letters, by processing group and reason ({@code unreadable}, {@code failing}). */
    public static final String METER = "orderflow.messages.set.aside";

    public static Counter setAsideCounter(MeterRegistry meters, String processingGroup, String reason) {
        return Counter.builder(METER)
                      .description("Messages set aside as dead letters: unreadable, or failing after every attempt")
                      .tag("group", processingGroup)
                      .tag("reason", reason)
                      .register(meters);
    }

    @EventHandler
    public void on(UnreadableRecord record) {
        setAside.increment();
        throw new UnreadableRecordException(record);
    }
}
