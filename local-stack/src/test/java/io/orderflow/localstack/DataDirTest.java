package io.orderflow.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataDirTest {

    @TempDir
    Path root;

    @Test
    void refusesADirectoryWithFilesItDidNotCreate() throws IOException {
        Files.writeString(root.resolve("precious.txt"), "keep me");

        assertThatThrownBy(() -> new DataDir(root).open()).hasMessageContaining("not created by local-stack");
        assertThat(root.resolve("precious.txt")).hasContent("keep me");
    }

    @Test
    void wipesWhatAnEarlierRunLeft() throws IOException {
        Path dir = root.resolve("data");
        try (DataDir dataDir = new DataDir(dir)) {
            dataDir.open();
            Files.createDirectories(dataDir.postgres());
            Files.writeString(dataDir.postgres().resolve("PG_VERSION"), "17");

            dataDir.wipe();

            assertThat(dataDir.postgres()).doesNotExist();
            assertThat(dataDir.logs()).isDirectory();
        }
    }

    @Test
    void keepsASecondStackOffADirectoryInUse() {
        Path dir = root.resolve("data");
        try (DataDir first = new DataDir(dir)) {
            first.open();

            assertThatThrownBy(() -> new DataDir(dir).open()).hasMessageContaining("in use by another running stack");
        }
    }
}
