package org.jgrad.app.dist;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jgrad.dist.Rendezvous;

/**
 * The JVMs of ranks 1 .. N − 1, started by rank 0 with the same Java, class path, JVM options and
 * command-line arguments, told their rank by JGRAD_* variables. Each child's output (stdout and
 * stderr together) is copied to ours line by line, prefixed with {@code [rank k]}.
 */
final class ChildRanks {
    private final List<Process> processes = new ArrayList<>();
    private final List<Thread> relays = new ArrayList<>();

    private ChildRanks() {}

    /**
     * Starts ranks 1 .. worldSize − 1 running {@code mainClass args} (the jgrad command line, named by
     * the caller so that this package need not import it); rank 0 will listen on 127.0.0.1:{@code port}.
     */
    static ChildRanks start(int worldSize, int port, String mainClass, List<String> args, PrintStream out) {
        ChildRanks children = new ChildRanks();
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!option.startsWith("-agentlib:jdwp")) command.add(option); // a debugger port can be bound once only
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(args);
        try {
            for (int rank = 1; rank < worldSize; rank++) {
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
                Map<String, String> env = builder.environment();
                env.put(Rendezvous.RANK, Integer.toString(rank));
                env.put(Rendezvous.WORLD_SIZE, Integer.toString(worldSize));
                env.put(Rendezvous.MASTER_ADDR, "127.0.0.1");
                env.put(Rendezvous.MASTER_PORT, Integer.toString(port));
                Process p = builder.start();
                children.processes.add(p);
                children.relays.add(relay(p, "[rank " + rank + "] ", out));
            }
        } catch (IOException e) {
            children.stop();
            throw new UncheckedIOException(
                    "--nproc: could not start a rank's JVM (" + command.get(0) + "): " + e.getMessage(), e);
        }
        return children;
    }

    private static String javaExecutable() {
        return ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static Thread relay(Process p, String prefix, PrintStream out) {
        Thread t = new Thread(
                () -> {
                    try (BufferedReader in =
                            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line; (line = in.readLine()) != null; ) out.println(prefix + line);
                    } catch (IOException ignored) {
                        // the child is gone; its exit status tells what happened
                    }
                },
                "jgrad-relay-" + prefix.strip());
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The first child that has exited with a failure, as "rank k exited with status s", or null. */
    String firstFailure() {
        for (int i = 0; i < processes.size(); i++) {
            Process p = processes.get(i);
            if (!p.isAlive() && p.exitValue() != 0) return "rank " + (i + 1) + " exited with status " + p.exitValue();
        }
        return null;
    }

    /**
     * Waits up to {@code seconds} for every child to end; returns the failures ("rank k exited with
     * status s", or "rank k did not end") — empty when all ended with status 0.
     */
    List<String> await(long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < processes.size(); i++) {
            Process p = processes.get(i);
            if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                failures.add("rank " + (i + 1) + " did not end within " + seconds + " s");
            } else if (p.exitValue() != 0) {
                failures.add("rank " + (i + 1) + " exited with status " + p.exitValue());
            }
        }
        for (Thread t : relays) t.join(5_000); // their last lines printed before we return
        return failures;
    }

    /** Ends every child still running (after a failure of rank 0). */
    void stop() {
        for (Process p : processes) p.destroy();
        for (Process p : processes) {
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
    }
}
