package io.orderflow.loadgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * CPU time and resident memory of named groups of processes (a process and its descendants, e.g. the postmaster
 * and its backends), read from {@code /proc} (Linux). CPU is reported in cores: 1.0 = one core busy all the time.
 */
final class ProcessStats {

    private static final double CLOCK_TICKS = 100.0; // USER_HZ on Linux

    private final Map<String, Supplier<List<ProcessHandle>>> groups;

    ProcessStats(Map<String, Supplier<List<ProcessHandle>>> groups) {
        this.groups = groups;
    }

    record Sample(long nanos, Map<String, Double> cpuSeconds, Map<String, Long> rssBytes) {

        double secondsTo(Sample later) {
            return (later.nanos - nanos) / 1e9;
        }
    }

    record Usage(String name, double cpuCores, double rssMbMax) {
    }

    Sample sample() {
        Map<String, Double> cpu = new LinkedHashMap<>();
        Map<String, Long> rss = new LinkedHashMap<>();
        for (var group : groups.entrySet()) {
            double seconds = 0;
            long bytes = 0;
            for (ProcessHandle root : group.getValue().get()) {
                List<ProcessHandle> all = new ArrayList<>();
                all.add(root);
                // the generator's own JVM is the parent of every process it started: those count in their groups
                if (!root.equals(ProcessHandle.current())) {
                    try (Stream<ProcessHandle> descendants = root.descendants()) {
                        descendants.forEach(all::add);
                    }
                }
                for (ProcessHandle process : all) {
                    seconds += cpuSeconds(process.pid());
                    bytes += rssBytes(process.pid());
                }
            }
            cpu.put(group.getKey(), seconds);
            rss.put(group.getKey(), bytes);
        }
        return new Sample(System.nanoTime(), cpu, rss);
    }

    /** @return average cores each group used between two samples (unrounded: costs are computed from them) */
    static Map<String, Double> cores(Sample from, Sample to) {
        Map<String, Double> cores = new LinkedHashMap<>();
        for (String name : to.cpuSeconds().keySet()) {
            double used = to.cpuSeconds().get(name) - from.cpuSeconds().getOrDefault(name, 0.0);
            cores.put(name, used / from.secondsTo(to));
        }
        return cores;
    }

    /** @return average cores used between two samples, and the largest resident memory in the samples between */
    static List<Usage> usage(Sample from, Sample to, List<Sample> between) {
        List<Usage> usage = new ArrayList<>();
        for (var cores : cores(from, to).entrySet()) {
            String name = cores.getKey();
            long rss = to.rssBytes().get(name);
            for (Sample s : between) {
                rss = Math.max(rss, s.rssBytes().getOrDefault(name, 0L));
            }
            usage.add(new Usage(name, Math.round(cores.getValue() * 100) / 100.0, Math.round(rss / 1048576.0)));
        }
        return usage;
    }

    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name is in parentheses and may contain spaces: fields count from after its ')'
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long utime = Long.parseLong(fields[11]);
            long stime = Long.parseLong(fields[12]);
            return (utime + stime) / CLOCK_TICKS;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static long rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return 0;
    }

    /** Running processes whose command line contains {@code marker}, for a system this generator did not start. */
    static List<ProcessHandle> byCommandLine(String marker) {
        return ProcessHandle.allProcesses().filter(p -> commandLine(p.pid()).contains(marker)).toList();
    }

    /** @return the full command line (ProcessHandle.Info may leave it out), arguments separated by spaces */
    static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"))).replace('\0', ' ');
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** The postmaster(s): postgres processes whose parent is not a postgres process. */
    static List<ProcessHandle> postmasters() {
        return ProcessHandle.allProcesses()
                            .filter(ProcessStats::isPostgres)
                            .filter(p -> p.parent().map(parent -> !isPostgres(parent)).orElse(true))
                            .toList();
    }

    private static boolean isPostgres(ProcessHandle p) {
        return p.info().command().map(c -> Path.of(c).getFileName().toString().equals("postgres")).orElse(false);
    }
}
