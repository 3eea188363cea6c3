package io.orderflow.loadgen;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The services' PostgreSQL server seen as its superuser: committed transactions per database and WAL flushes
 * (to count what one order costs), its settings, and its own limit: single-row inserts, each its own commit.
 */
final class Database {

    static final List<String> SERVICE_DATABASES = List.of("orders", "payments", "fulfillment", "reporting");
    private static final String BENCH_DATABASE = "loadgen_commit_limit";

    private final String adminUrl;

    Database(String adminUrl) {
        this.adminUrl = adminUrl;
    }

    record Counters(Map<String, Long> commits, long walSyncs, long walRecords) {

        long totalCommits() {
            return commits.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    Counters counters() {
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            // stats of other backends reach the shared view when they flush theirs (at most about 1 s late)
            s.execute("select pg_stat_clear_snapshot()");
            Map<String, Long> commits = new LinkedHashMap<>();
            try (ResultSet rs = s.executeQuery("select datname, xact_commit from pg_stat_database where datname in "
                                               + "('orders','payments','fulfillment','reporting') order by datname")) {
                while (rs.next()) {
                    commits.put(rs.getString(1), rs.getLong(2));
                }
            }
            long syncs = 0;
            long records = 0;
            try (ResultSet rs = s.executeQuery("select wal_sync, wal_records from pg_stat_wal")) {
                if (rs.next()) {
                    syncs = rs.getLong(1);
                    records = rs.getLong(2);
                }
            }
            return new Counters(commits, syncs, records);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read statistics at " + adminUrl + ": " + e.getMessage(), e);
        }
    }

    Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select name, setting from pg_settings where name in ('fsync',"
                                           + "'synchronous_commit','full_page_writes','wal_sync_method','commit_delay',"
                                           + "'shared_buffers','max_connections','wal_level') order by name")) {
            while (rs.next()) {
                settings.put(rs.getString(1), rs.getString(2));
            }
            try (ResultSet v = s.executeQuery("show server_version")) {
                v.next();
                settings.put("server_version", v.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return settings;
    }

    record LimitStep(int clients, double commitsPerSecond) {
    }

    /**
     * PostgreSQL's own commit rate on this server with its settings: {@code clients} connections each inserting one
     * row per transaction (autocommit) into a table of a database made for this, as fast as they can.
     */
    List<LimitStep> commitLimit(List<Integer> clientCounts, int seconds) throws Exception {
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + BENCH_DATABASE);
            s.execute("create database " + BENCH_DATABASE);
        }
        String benchUrl = adminUrl.replaceFirst("/postgres(\\?|$)", "/" + BENCH_DATABASE + "$1");
        try (Connection c = DriverManager.getConnection(benchUrl); Statement s = c.createStatement()) {
            s.execute("create table commit_probe (id bigserial primary key, client int not null, "
                      + "at timestamptz not null default now(), payload text not null)");
        }
        List<LimitStep> steps = new ArrayList<>();
        try {
            for (int clients : clientCounts) {
                steps.add(new LimitStep(clients, run(benchUrl, clients, seconds)));
            }
        } finally {
            try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
                s.execute("drop database if exists " + BENCH_DATABASE);
            }
        }
        return steps;
    }

    private static double run(String url, int clients, int seconds) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder commits = new LongAdder();
        List<Thread> threads = new ArrayList<>();
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            connections.add(DriverManager.getConnection(url));
        }
        long started = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            Connection connection = connections.get(i);
            int client = i;
            Thread t = new Thread(() -> {
                try (PreparedStatement insert = connection.prepareStatement(
                        "insert into commit_probe (client, payload) values (?, ?)")) {
                    while (!stop.get()) {
                        insert.setInt(1, client);
                        insert.setString(2, "an order event of about a hundred bytes, like the ones the services append");
                        insert.executeUpdate();
                        commits.increment();
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }, "pg-limit-" + i);
            t.start();
            threads.add(t);
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        for (Connection c : connections) {
            c.close();
        }
        return commits.sum() / elapsed;
    }
}
