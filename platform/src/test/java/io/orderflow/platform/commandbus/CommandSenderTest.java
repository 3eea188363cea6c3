package io.orderflow.platform.commandbus;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandSenderTest {

    @Test
    void sendsOnItsOwnThreadsSoTheDispatcherGoesOn() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<String> sentBy = new AtomicReference<>();
        try (CommandSender sender = new CommandSender(2)) {
            sender.send(() -> {
                sentBy.set(Thread.currentThread().getName());
                await(release);
            });
            // the dispatcher is back here while the first send still waits for its "peer"
            release.countDown();
        }
        assertThat(sentBy.get()).startsWith("command-sender-");
    }

    @Test
    void aFullPoolMakesTheDispatcherSendItselfInsteadOfQueueingWithoutBound() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger onCaller = new AtomicInteger();
        String caller = Thread.currentThread().getName();
        try (CommandSender sender = new CommandSender(1)) {
            // one running, 64 queued: the pool is full; the next one runs on the caller
            for (int i = 0; i < 1 + 64 + 1; i++) {
                sender.send(() -> {
                    if (Thread.currentThread().getName().equals(caller)) {
                        onCaller.incrementAndGet();
                    } else {
                        await(release);
                    }
                });
            }
            release.countDown();
        }
        assertThat(onCaller).hasValue(1);
    }

    @Test
    void closingLetsHandedOverCommandsFinish() throws Exception {
        AtomicInteger done = new AtomicInteger();
        CommandSender sender = new CommandSender(4);
        for (int i = 0; i < 20; i++) {
            sender.send(() -> {
                sleep(20);
                done.incrementAndGet();
            });
        }
        sender.close();
        assertThat(done).hasValue(20);
    }

    @Test
    void needsAtLeastOneThread() {
        assertThatThrownBy(() -> new CommandSender(0)).hasMessageContaining("sender-threads");
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
