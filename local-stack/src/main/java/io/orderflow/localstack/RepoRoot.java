package io.orderflow.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the checkout the services are built in: the nearest directory up whose pom is the OrderFlow parent. */
public final class RepoRoot {

    private static final String PARENT_ARTIFACT = "<artifactId>orderflow-parent</artifactId>";

    private RepoRoot() {
    }

    public static Optional<Path> find(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (isParentPom(dir.resolve("pom.xml"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    /** @return the checkout containing the working directory, or the working directory itself */
    public static Path fromWorkingDirectory() {
        Path workingDirectory = Path.of("").toAbsolutePath();
        return find(workingDirectory).orElse(workingDirectory);
    }

    private static boolean isParentPom(Path pom) {
        if (!Files.isRegularFile(pom)) {
            return false;
        }
        try {
            String content = Files.readString(pom);
            int parentBlockEnd = content.indexOf("</parent>");
            return content.indexOf(PARENT_ARTIFACT, Math.max(parentBlockEnd, 0)) >= 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
