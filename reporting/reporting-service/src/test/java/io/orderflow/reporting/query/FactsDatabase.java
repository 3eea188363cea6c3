package io.orderflow.reporting.query;

import com.zaxxer.hikari.HikariDataSource;
import io.orderflow.platform.test.TestPostgres;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The reporting schema, migrated by the service's own migrations, on the test JVM's real PostgreSQL. */
final class FactsDatabase {

    private static JdbcClient jdbc;

    private FactsDatabase() {
    }

    static synchronized JdbcClient jdbc() {
        if (jdbc == null) {
            TestPostgres.Database database = TestPostgres.get().database("reporting_facts");
            HikariDataSource dataSource = new HikariDataSource();
            dataSource.setJdbcUrl(database.url());
            dataSource.setUsername(database.username());
            dataSource.setPassword(database.password());
            dataSource.setMaximumPoolSize(2);
            Flyway.configure().dataSource(dataSource).locations("classpath:db/platform", "classpath:db/migration")
                  .load().migrate();
            jdbc = JdbcClient.create(dataSource);
        }
        return jdbc;
    }

    /** Empties both copies. */
    static void clear() {
        for (FactsCopy copy : FactsCopy.values()) {
            jdbc().sql(copy.sql("TRUNCATE facts.order_timeline, facts.order_line, facts.order_overview")).update();
        }
    }
}
