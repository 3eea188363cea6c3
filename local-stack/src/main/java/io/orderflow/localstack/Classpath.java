package io.orderflow.localstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The jars this program runs with, handed to the Kafka broker's JVM (Kafka's jars are among them). Run from its
 * packaged jar (as {@code ./run.sh} does) that is {@code lib/*} next to the jar; in an IDE or under Maven the
 * classpath is the JVM's own, manifest-only launcher jars expanded.
 */
final class Classpath {

    private Classpath() {
    }

    static String ofThisProgram() {
        Path ownJar = ownLocation();
        Path lib = ownJar.resolveSibling("lib");
        if (Files.isRegularFile(ownJar) && Files.isDirectory(lib)) {
            return lib + File.separator + "*";
        }
        Set<String> jars = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            addJars(Path.of(entry).toAbsolutePath(), jars);
        }
        return String.join(File.pathSeparator, jars);
    }

    private static void addJars(Path entry, Set<String> jars) {
        if (!entry.toString().endsWith(".jar") || !Files.isRegularFile(entry) || !jars.add(entry.toString())) {
            return;
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            Manifest manifest = jar.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (classPath == null || classPath.isBlank()) {
                return;
            }
            URI base = entry.toUri();
            for (String reference : classPath.trim().split("\\s+")) {
                addJars(Path.of(base.resolve(reference)), jars);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + entry, e);
        }
    }

    private static Path ownLocation() {
        try {
            return Path.of(Classpath.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
