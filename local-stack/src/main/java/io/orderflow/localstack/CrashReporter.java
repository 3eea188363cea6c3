package io.orderflow.localstack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Reports a child process that ends without the stack having asked it to. Nothing is restarted. */
final class CrashReporter {

    private static final Logger log = LoggerFactory.getLogger(CrashReporter.class);
    private static final int TAIL_LINES = 40;

    private final Set<Long> expectedExits = ConcurrentHashMap.newKeySet();
    private final List<String> crashed = new ArrayList<>();
    private volatile boolean silenced;

    void watch(String name, ProcessHandle process, LogFile logFile) {
        process.onExit().thenRun(() -> {
            if (!silenced && !expectedExits.remove(process.pid())) {
                report(name, process.pid(), "", logFile);
            }
        });
    }

    void watch(String name, Process process, LogFile logFile) {
        process.onExit().thenRun(() -> {
            if (!silenced && !expectedExits.remove(process.pid())) {
                report(name, process.pid(), " with code " + process.exitValue(), logFile);
            }
        });
    }

    /** The stack is about to stop or kill this process itself. */
    void expectExit(ProcessHandle process) {
        expectedExits.add(process.pid());
    }

    /** The stack is shutting down: every exit from now on is expected. */
    void silence() {
        silenced = true;
    }

    synchronized List<String> crashed() {
        return List.copyOf(crashed);
    }

    private void report(String name, long pid, String exit, LogFile logFile) {
        synchronized (this) {
            crashed.add(name);
        }
        log.error("{} (pid {}) exited unexpectedly{}; it is not restarted. Last lines of {}:{}{}", name, pid, exit,
                  logFile.path(), System.lineSeparator(), logFile.tail(TAIL_LINES));
    }
}
