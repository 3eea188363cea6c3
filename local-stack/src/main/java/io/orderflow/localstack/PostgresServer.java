package io.orderflow.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A real PostgreSQL server from the embedded binaries, its cluster kept in a directory that survives restarts.
 * The superuser {@code postgres} connects from this machine without a password; every other role must give its
 * password.
 */
final class PostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);
    private static final String SUPERUSER = "postgres";
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);
    private static final List<String> PG_HBA = List.of(
            "# Rewritten by local-stack on every start.",
            "local all " + SUPERUSER + " trust",
            "host  all " + SUPERUSER + " 127.0.0.1/32 trust",
            "host  all " + SUPERUSER + " ::1/128 trust",
            "local all all scram-sha-256",
            "host  all all 127.0.0.1/32 scram-sha-256",
            "host  all all ::1/128 scram-sha-256");

    private final Path dataDirectory;
    private final int port;
    private final LogFile logFile;
    private EmbeddedPostgres postgres;
    private ProcessHandle postmaster;

    PostgresServer(Path dataDirectory, int port, LogFile logFile) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.logFile = logFile;
    }

    void start() {
        endLeftoverPostmaster();
        try {
            postgres = EmbeddedPostgres.builder()
                                       .setDataDirectory(dataDirectory)
                                       .setCleanDataDirectory(false)
                                       .setRegisterShutdownHook(false)
                                       .setPort(port)
                                       // the library's defaults trade durability for speed
                                       .setServerConfig("fsync", "on")
                                       .setServerConfig("synchronous_commit", "on")
                                       .setServerConfig("full_page_writes", "on")
                                       .setDataDirectoryCustomizer(PostgresServer::writeHostBasedAuthentication)
                                       .setPGStartupWait(STARTUP_WAIT)
                                       .setOutputRedirector(logFile.startSection("PostgreSQL on port " + port))
                                       .start();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start; see " + logFile.path(), e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("PostgreSQL did not start: " + e.getMessage()
                                            + System.lineSeparator() + logFile.tail(30), e);
        }
        postmaster = postmasterPid().flatMap(ProcessHandle::of)
                                    .orElseThrow(() -> new IllegalStateException("PostgreSQL runs without a pid file"));
    }

    /** @return the postmaster; its descendants are the server's backends */
    ProcessHandle process() {
        return postmaster;
    }

    int port() {
        return port;
    }

    String superuserJdbc() {
        return jdbcUrl("postgres") + "?user=" + SUPERUSER;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    @Override
    public void close() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
        ProcessTree.stop(postmaster, STOP_GRACE);
        postgres = null;
    }

    /** A launcher killed without its shutdown hook leaves the postmaster running on our data directory. */
    private void endLeftoverPostmaster() {
        postmasterPid().flatMap(ProcessHandle::of)
                       .filter(ProcessHandle::isAlive)
                       .filter(PostgresServer::isPostgres)
                       .ifPresent(leftover -> {
                           log.warn("PostgreSQL (pid {}) is still running from an earlier run: stopping it",
                                    leftover.pid());
                           ProcessTree.stop(leftover, STOP_GRACE);
                       });
    }

    private Optional<Long> postmasterPid() {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info().command()
                      .map(command -> Path.of(command).getFileName().toString())
                      .filter(name -> name.equals("postgres") || name.equals("postgres.exe"))
                      .isPresent();
    }

    private static void writeHostBasedAuthentication(File dataDirectory) {
        try {
            Files.write(dataDirectory.toPath().resolve("pg_hba.conf"), PG_HBA);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
