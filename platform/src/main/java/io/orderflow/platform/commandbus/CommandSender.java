package io.orderflow.platform.commandbus;

import io.opentelemetry.context.Context;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that carry commands to peers. The HTTP connector would otherwise send on the dispatching thread and
 * hold it for the whole round trip; a saga's event processor would then handle one event per network round trip.
 * Deliberately not a Spring {@code Executor} bean, so it cannot replace Spring Boot's application task executor.
 * A full pool makes the dispatching thread send by itself: back pressure, never an unbounded backlog.
 */
public final class CommandSender implements AutoCloseable {

    private static final int QUEUE_PER_THREAD = 64;

    private final ThreadPoolExecutor pool;

    public CommandSender(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("orderflow.commandbus.sender-threads must be at least 1, was " + threads);
        }
        AtomicInteger count = new AtomicInteger();
        pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                                      new ArrayBlockingQueue<>(threads * QUEUE_PER_THREAD),
                                      task -> {
                                          Thread thread = new Thread(task, "command-sender-" + count.incrementAndGet());
                                          thread.setDaemon(true);
                                          return thread;
                                      },
                                      new ThreadPoolExecutor.CallerRunsPolicy());
        pool.allowCoreThreadTimeOut(true);
    }

    /** Runs {@code task} in the caller's trace context, so the command's HTTP request continues the caller's trace. */
    public void send(Runnable task) {
        pool.execute(Context.current().wrap(task));
    }

    /** Lets commands already handed over reach their peers (bounded by the read timeout), accepts no new ones. */
    @Override
    public void close() throws InterruptedException {
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.SECONDS);
    }
}
