package io.orderflow.localstack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Remembers the processes a stack started, one file per process, so that the next start can end those a
 * killed launcher (SIGKILL, crash) could not stop. A process is only touched if both its pid and its start time
 * match, so a recycled pid is never killed.
 */
final class PidFiles {

    private static final Logger log = LoggerFactory.getLogger(PidFiles.class);
    private static final String SUFFIX = ".pid";

    private final Path dir;

    PidFiles(Path dir) {
        this.dir = dir;
    }

    void record(String name, Process process) {
        record(name, process.toHandle());
    }

    void record(String name, ProcessHandle process) {
        String start = process.info().startInstant().map(Instant::toString).orElse("-");
        try {
            Files.writeString(dir.resolve(name + SUFFIX), process.pid() + " " + start);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void forget(String name) {
        try {
            Files.deleteIfExists(dir.resolve(name + SUFFIX));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends every recorded process that is still running and forgets them all. */
    void endLeftovers(Duration grace) {
        for (Path file : files()) {
            String name = file.getFileName().toString().replace(SUFFIX, "");
            recorded(file).ifPresent(process -> {
                log.warn("{} (pid {}) is still running from an earlier run: stopping it", name, process.pid());
                ProcessTree.stop(process, grace);
            });
            forget(name);
        }
    }

    private List<Path> files() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(SUFFIX)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<ProcessHandle> recorded(Path file) {
        try {
            String[] fields = Files.readString(file).trim().split(" ");
            Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(fields[0]));
            return process.filter(ProcessHandle::isAlive)
                          .filter(candidate -> candidate.info().startInstant()
                                                        .map(Instant::toString)
                                                        .orElse("-")
                                                        .equals(fields.length > 1 ? fields[1] : "-"));
        } catch (IOException | RuntimeException e) {
            log.warn("Ignoring unreadable pid file {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }
}
