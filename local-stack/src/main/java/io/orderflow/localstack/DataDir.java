package io.orderflow.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The directory a stack keeps its state in, and the lock that keeps a second stack off it while one runs.
 * Wiping it is refused unless it carries this program's marker, so a mistyped {@code --data-dir} cannot erase
 * unrelated files.
 */
final class DataDir implements AutoCloseable {

    private static final String MARKER = ".orderflow-local-stack";
    private static final String LOCK = ".lock";

    private final Path root;
    private FileChannel lockChannel;
    private FileLock lock;

    DataDir(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    Path postgres() {
        return root.resolve("postgres");
    }

    Path kafka() {
        return root.resolve("kafka");
    }

    Path conf() {
        return root.resolve("conf");
    }

    Path run() {
        return root.resolve("run");
    }

    /** The token issuer's key pair ({@link TokenIssuer}): the services trust the public key, tokens are signed here. */
    Path keys() {
        return root.resolve("keys");
    }

    Path logs() {
        return root.resolve("logs");
    }

    LogFile log(String component) {
        return new LogFile(logs().resolve(component + ".log"));
    }

    /** Creates the directory and locks it for this stack. */
    void open() {
        try {
            Files.createDirectories(root);
            if (!Files.exists(root.resolve(MARKER))) {
                requireEmpty();
                Files.createFile(root.resolve(MARKER));
            }
            lock();
            createLayout();
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("Cannot prepare data directory " + root, e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Deletes everything an earlier run left: databases, Kafka logs, process logs. Only while locked. */
    void wipe() {
        if (lock == null) {
            throw new IllegalStateException("Data directory " + root + " is not locked");
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                if (!file.equals(root) && !file.equals(root.resolve(MARKER)) && !file.equals(root.resolve(LOCK))) {
                    Files.delete(file);
                }
            }
            createLayout();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot wipe data directory " + root, e);
        }
    }

    private void createLayout() throws IOException {
        for (Path dir : new Path[] {conf(), run(), logs()}) {
            Files.createDirectories(dir);
        }
    }

    private void requireEmpty() throws IOException {
        try (Stream<Path> entries = Files.list(root)) {
            if (entries.findAny().isPresent()) {
                throw new IllegalStateException(root + " is not empty and was not created by local-stack: "
                                                + "choose another data directory");
            }
        }
    }

    private void lock() throws IOException {
        lockChannel = FileChannel.open(root.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            lockChannel.close();
            throw new IllegalStateException(root + " is in use by another running stack");
        }
    }

    @Override
    public void close() {
        try {
            if (lock != null) {
                lock.release();
                lock = null;
            }
            if (lockChannel != null) {
                lockChannel.close();
                lockChannel = null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
