package io.orderflow.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class RepoRootTest {

    @TempDir
    Path checkout;

    @Test
    void findsTheParentPomAboveAModule() throws IOException {
        Files.writeString(checkout.resolve("pom.xml"), """
                <project><parent><artifactId>spring-boot-starter-parent</artifactId></parent>
                <artifactId>orderflow-parent</artifactId></project>""");
        Path module = Files.createDirectories(checkout.resolve("orders/orders-service/src"));
        Files.writeString(module.getParent().resolve("pom.xml"), """
                <project><parent><artifactId>orderflow-parent</artifactId></parent>
                <artifactId>orders-service</artifactId></project>""");

        assertThat(RepoRoot.find(module)).contains(checkout.toAbsolutePath().normalize());
    }

    @Test
    void findsNothingOutsideACheckout() {
        assertThat(RepoRoot.find(checkout)).isEmpty();
    }

    @Test
    void findsThisCheckout() {
        assertThat(RepoRoot.fromWorkingDirectory().resolve("local-stack/pom.xml")).exists();
    }
}
