package io.orderflow.localstack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PostgreSQL and Kafka as the stack starts them, without services. */
class StackTest {

    @TempDir
    static Path dataDir;
    static Stack stack;

    @BeforeAll
    static void start() {
        stack = new Stack(StackConfig.defaults().withDataDir(dataDir).withoutServices().withFreePorts()).start();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void createsADatabaseAndRolePerService() throws SQLException {
        List<String> databases = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(stack.superuserJdbc());
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(
                     "SELECT d.datname || ' owned by ' || r.rolname FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba"
                     + " WHERE NOT d.datistemplate")) {
            while (result.next()) {
                databases.add(result.getString(1));
            }
        }
        assertThat(databases).containsExactlyInAnyOrder("postgres owned by postgres", "orders owned by orders",
                                                        "payments owned by payments",
                                                        "fulfillment owned by fulfillment",
                                                        "reporting owned by reporting");
    }

    @Test
    void letsEachRoleIntoItsOwnDatabaseOnly() throws SQLException {
        try (Connection own = DriverManager.getConnection(stack.jdbcUrl("orders"), "orders", "orders")) {
            assertThat(own.isValid(2)).isTrue();
        }
        assertThatThrownBy(() -> DriverManager.getConnection(stack.jdbcUrl("payments"), "orders", "orders").close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("permission denied for database \"payments\"");
    }

    @Test
    void refusesAServiceRoleWithoutItsPassword() {
        assertThatThrownBy(() -> DriverManager.getConnection(stack.jdbcUrl("orders"), "orders", "wrong").close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password authentication failed");
    }

    @Test
    void runsPostgresWithDurableSettings() throws SQLException {
        try (Connection connection = DriverManager.getConnection(stack.superuserJdbc());
             Statement statement = connection.createStatement()) {
            for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
                try (ResultSet result = statement.executeQuery("SHOW " + setting)) {
                    result.next();
                    assertThat(result.getString(1)).as(setting).isEqualTo("on");
                }
            }
        }
    }

    @Test
    void carriesRecordsThroughTheBroker() throws Exception {
        String topic = "round-trip-" + UUID.randomUUID();
        createTopic(topic);

        send(topic, "order-1", "placed");

        assertThat(readAll(topic)).containsExactly("order-1=placed");
    }

    @Test
    void keepsRecordsWhenTheBrokerRestarts() throws Exception {
        String topic = "survives-restart-" + UUID.randomUUID();
        createTopic(topic);
        send(topic, "order-2", "shipped");

        stack.stopKafka();
        assertThat(stack.processes()).hasSize(1);
        stack.startKafka();

        assertThat(readAll(topic)).containsExactly("order-2=shipped");
        assertThat(stack.unexpectedExits()).isEmpty();
    }

    private static void createTopic(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                               stack.kafkaBootstrapServers()))) {
            admin.createTopics(Set.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
    }

    private static void send(String topic, String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                       ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    private static List<String> readAll(String topic) {
        List<String> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                       ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (records.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    records.add(record.key() + "=" + record.value());
                }
            }
        }
        return records;
    }
}
