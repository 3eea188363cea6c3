package io.orderflow.localstack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

/**
 * The file one process writes its stdout and stderr to. Each launch appends under a banner, so a crash's output
 * stays readable after a restart.
 */
public record LogFile(Path path) {

    private static final int TAIL_BYTES = 64 * 1024;

    /** Appends a banner line and returns the redirect the process should write through. */
    Redirect startSection(String what) {
        try {
            Files.createDirectories(path.getParent());
            String banner = "==== " + LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME) + " " + what
                            + " ====" + System.lineSeparator();
            Files.writeString(path, banner, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                              StandardOpenOption.APPEND);
            return Redirect.appendTo(path.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the last {@code lines} lines, or a note if the file cannot be read */
    public String tail(int lines) {
        if (!Files.isRegularFile(path)) {
            return "(no log at " + path + ")";
        }
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "r")) {
            long start = Math.max(0, file.length() - TAIL_BYTES);
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + path + ": " + e.getMessage() + ")";
        }
    }
}
