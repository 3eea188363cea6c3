package io.orderflow.localstack;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Service processes as the stack runs them, with stand-in jars in a throw-away checkout. */
class StackServicesTest {

    @TempDir
    static Path root;
    static Stack stack;

    @BeforeAll
    static void start() throws IOException, URISyntaxException {
        Path repoRoot = root.resolve("repo");
        for (Service service : Service.values()) {
            writeStandInJar(service.jar(repoRoot));
        }
        stack = new Stack(StackConfig.defaults()
                                     .withRepoRoot(repoRoot)
                                     .withDataDir(root.resolve("data"))
                                     .withServices(Service.ORDERS, Service.PAYMENTS)
                                     .withFreePorts()
                                     .withExtraEnv(Service.ORDERS, "GREETING", "hello")
                                     .withHealthTimeout(Duration.ofSeconds(30))).start();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void configuresEachServiceByEnvironment() throws Exception {
        StackConfig config = stack.config();

        String env = get(stack.serviceUrl(Service.ORDERS) + "/env");

        assertThat(env.lines()).contains(
                "SERVER_PORT=" + config.servicePort(Service.ORDERS),
                "DB_URL=jdbc:postgresql://localhost:" + config.pgPort() + "/orders",
                "DB_USER=orders",
                "DB_PASSWORD=orders",
                "KAFKA_BOOTSTRAP_SERVERS=localhost:" + config.kafkaPort(),
                "ORDERS_URL=http://127.0.0.1:" + config.servicePort(Service.ORDERS),
                "PAYMENTS_URL=http://127.0.0.1:" + config.servicePort(Service.PAYMENTS),
                "FULFILLMENT_URL=http://127.0.0.1:" + config.servicePort(Service.FULFILLMENT),
                "GREETING=hello");
        assertThat(stack.logFile("orders")).content().contains("stand-in listening");
    }

    @Test
    void restartsAKilledServiceWithoutCallingItACrash() throws Exception {
        ProcessHandle killed = pidOf(Service.PAYMENTS);

        stack.kill9(Service.PAYMENTS);
        assertThat(killed.isAlive()).isFalse();
        stack.restart(Service.PAYMENTS);

        assertThat(get(stack.serviceUrl(Service.PAYMENTS) + "/actuator/health")).contains("UP");
        assertThat(pidOf(Service.PAYMENTS).pid()).isNotEqualTo(killed.pid());
        assertThat(stack.unexpectedExits()).doesNotContain("payments");
    }

    @Test
    void reportsAServiceThatExitsOnItsOwn() throws Exception {
        get(stack.serviceUrl(Service.ORDERS) + "/crash");

        await().atMost(Duration.ofSeconds(10)).until(() -> stack.unexpectedExits().contains("orders"));
        stack.restart(Service.ORDERS);
        assertThat(get(stack.serviceUrl(Service.ORDERS) + "/actuator/health")).contains("UP");
    }

    private static ProcessHandle pidOf(Service service) {
        return stack.processes().stream()
                    .filter(process -> process.info().commandLine().orElse("").contains(service.id() + "-service.jar"))
                    .findFirst()
                    .orElseThrow();
    }

    private static String get(String url) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        try {
            return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                         .body();
        } catch (IOException e) {
            return "";
        }
    }

    /** A jar whose manifest runs {@link StandInService} from this build's test classes. */
    private static void writeStandInJar(Path jar) throws IOException, URISyntaxException {
        Path testClasses = Path.of(StandInService.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, StandInService.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, testClasses.toUri().toString());
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // the manifest is the whole jar
        }
    }
}
