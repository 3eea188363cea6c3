package io.orderflow.platform.kafka;

import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.Buffer;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaEventMessage;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Hands out Kafka records in the order they were fetched. The extension's default buffer sorts them by record
 * timestamp across partitions, but each record's tracking token covers every record fetched before it: a record
 * handed out early carries a token past records still waiting, so a processor that stores that token and then
 * stops never sees them. Fetch order keeps the tokens monotone; per-aggregate order within a partition is kept
 * either way.
 */
public class FetchOrderBuffer implements Buffer<KafkaEventMessage> {

    private final int capacity;
    private final Deque<KafkaEventMessage> records = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    public FetchOrderBuffer(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public void put(KafkaEventMessage record) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (records.size() >= capacity) {
                notFull.await();
            }
            records.addLast(record);
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void putAll(Collection<KafkaEventMessage> batch) throws InterruptedException {
        for (KafkaEventMessage record : batch) {
            put(record);
        }
    }

    @Override
    public KafkaEventMessage poll(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (records.isEmpty()) {
                throwIfFailed();
                if (nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            return removeFirst();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public KafkaEventMessage take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (records.isEmpty()) {
                throwIfFailed();
                notEmpty.await();
            }
            return removeFirst();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public KafkaEventMessage peek() {
        lock.lock();
        try {
            if (records.isEmpty()) {
                throwIfFailed();
            }
            return records.peekFirst();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int size() {
        lock.lock();
        try {
            return records.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public int remainingCapacity() {
        return capacity - size();
    }

    @Override
    public void clear() {
        lock.lock();
        try {
            records.clear();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The fetcher failed: readers get the failure once they have taken what was fetched before it. */
    @Override
    public void setException(RuntimeException exception) {
        failure.set(exception);
        lock.lock();
        try {
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private KafkaEventMessage removeFirst() {
        KafkaEventMessage record = records.pollFirst();
        notFull.signal();
        return record;
    }

    private void throwIfFailed() {
        RuntimeException exception = failure.get();
        if (exception != null) {
            throw exception;
        }
    }
}
