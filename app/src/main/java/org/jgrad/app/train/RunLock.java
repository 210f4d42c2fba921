package org.jgrad.app.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * A run folder's claim, {@code <run>/.lock}: created exclusively (create-new, so of two processes
 * only one succeeds) before anything else is written, holding the owner's PID and start time, and
 * deleted when the run ends. A lock whose process is gone (killed, crashed: its PID no longer
 * runs, or runs a process started at another time) is stale and taken over: it is first renamed
 * to a name of its own, which only one contender can do, and the claim is then made afresh.
 */
public final class RunLock implements AutoCloseable {
    static final String FILE_NAME = ".lock";
    private final Path file;
    private final String content;

    private RunLock(Path file, String content) {
        this.file = file;
        this.content = content;
    }

    /** Claims {@code runDir} (creating it), or throws {@link IllegalStateException} naming the process that holds it. */
    public static RunLock claim(Path runDir) {
        Path file = runDir.resolve(FILE_NAME);
        String mine = describe(ProcessHandle.current());
        try {
            Files.createDirectories(runDir);
            for (int attempt = 0; attempt < 10; attempt++) {
                try {
                    Files.writeString(
                            file,
                            mine,
                            StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE);
                    return new RunLock(file, mine);
                } catch (FileAlreadyExistsException held) {
                    String owner = readOrNull(file);
                    if (owner == null) continue; // released meanwhile: try again
                    if (isAlive(owner)) {
                        throw new IllegalStateException(
                                runDir + " is in use by another training (process " + owner.split(" ")[0]
                                        + "); wait for it to end or choose another --out (a stale " + file.getFileName()
                                        + " of a process that no longer runs is taken over by itself)");
                    }
                    takeOverStale(file);
                }
            }
            throw new IllegalStateException(
                    runDir + ": could not claim the run folder (" + FILE_NAME + " keeps changing)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot claim run folder " + runDir + ": " + e.getMessage(), e);
        }
    }

    /** Releases the claim (only when the lock file is still this claim's). */
    @Override
    public void close() {
        try {
            if (content.equals(readOrNull(file))) Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release " + file + ": " + e.getMessage(), e);
        }
    }

    /** "PID START" where START is the process' start instant (or "?"), so a reused PID is not mistaken for the owner. */
    static String describe(ProcessHandle process) {
        return process.pid() + " "
                + process.info().startInstant().map(Instant::toString).orElse("?");
    }

    /** Whether the lock's owner still runs: its PID is alive and, when both are known, started at the recorded time. */
    static boolean isAlive(String owner) {
        String[] parts = owner.trim().split(" ");
        long pid;
        try {
            pid = Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
            return false; // unreadable: stale
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) return false;
        if (parts.length < 2 || parts[1].equals("?")) return true;
        Optional<Instant> started = process.get().info().startInstant();
        return started.isEmpty() || started.get().toString().equals(parts[1]);
    }

    private static void takeOverStale(Path file) throws IOException {
        Path aside = file.resolveSibling(
                FILE_NAME + ".stale-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        try {
            Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException someoneElseDid) {
            return;
        }
        Files.deleteIfExists(aside);
    }

    /** The file's text, or null when it does not exist. */
    private static String readOrNull(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
