package io.orderflow.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Starts a JVM of the same Java installation as this one, its stdout and stderr going to a log file. */
final class ChildJvm {

    private ChildJvm() {
    }

    /**
     * @param arguments everything after {@code java}: JVM options, {@code -cp .. Main} or {@code -jar ..}, arguments
     * @param env       added to this process's environment
     */
    static Process start(List<String> arguments, Map<String, String> env, Path workingDirectory, LogFile log) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                                                            .redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.redirectOutput(log.startSection(String.join(" ", command)));
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + command, e);
        }
    }

    private static String javaExecutable() {
        boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");
        return Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java").toString();
    }
}
