package org.jgrad.app.dist;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.jgrad.dist.Communicator;
import org.jgrad.dist.Rendezvous;

/**
 * This process's part in {@code train --nproc N}. The process the user starts is the launcher and
 * rank 0: it starts ranks 1 .. N − 1 as child JVMs with the same arguments (and JGRAD_* variables
 * that tell them their rank), meets them, trains, and alone keeps what it writes; a child trains
 * into a scratch folder that it deletes at the end, so the run folder is rank 0's alone. A process
 * started with JGRAD_WORLD_SIZE set by hand (or by another launcher) is a rank in that job.
 */
public final class DataParallel {
    public static final int MAX_PROCESSES = 64;

    private final Communicator communicator;
    private final ChildRanks children;
    private final Path scratch;

    private DataParallel(Communicator communicator, ChildRanks children, Path scratch) {
        this.communicator = communicator;
        this.children = children;
        this.scratch = scratch;
    }

    /**
     * The job this process takes part in, or null for training in one process: {@code nproc} 1 and
     * no JGRAD_WORLD_SIZE in {@code env}. Rank 0 starts the other ranks as {@code java mainClass args}.
     */
    public static DataParallel join(
            int nproc, String mainClass, List<String> args, Map<String, String> env, PrintStream out)
            throws IOException {
        if (nproc < 1 || nproc > MAX_PROCESSES)
            throw new IllegalArgumentException("--nproc must be 1.." + MAX_PROCESSES + ", got " + nproc);
        if (Rendezvous.requested(env)) {
            Rendezvous settings = Rendezvous.fromEnvironment(env);
            Communicator communicator = settings.connect();
            Path scratch =
                    settings.rank() == 0 ? null : Files.createTempDirectory("jgrad-rank" + settings.rank() + "-");
            return new DataParallel(communicator, null, scratch);
        }
        if (nproc == 1) return null;
        int port = freeLoopbackPort();
        ChildRanks children = ChildRanks.start(nproc, port, mainClass, args, out);
        try {
            long timeoutMillis = Rendezvous.timeoutMillis(env); // the children inherit the same JGRAD_DIST_TIMEOUT_S
            return new DataParallel(
                    connectWatching(children, new Rendezvous(0, nproc, "127.0.0.1", port, timeoutMillis)),
                    children,
                    null);
        } catch (RuntimeException | IOException e) {
            children.stop();
            throw e;
        }
    }

    /** Rank 0 meets the children, giving up at once when one of them exits first (bad arguments, say). */
    private static Communicator connectWatching(ChildRanks children, Rendezvous rendezvous) throws IOException {
        ExecutorService meeting = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "jgrad-rendezvous");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<Communicator> connected = meeting.submit(rendezvous::connect);
            while (true) {
                try {
                    return connected.get(200, TimeUnit.MILLISECONDS);
                } catch (TimeoutException stillWaiting) {
                    String failure = children.firstFailure();
                    if (failure != null) {
                        connected.cancel(true);
                        throw new IllegalStateException(
                                "--nproc: " + failure + " before joining rank 0; see its output above");
                    }
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof IOException io) throw io;
                    if (e.getCause() instanceof RuntimeException re) throw re;
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("--nproc: interrupted while waiting for the other ranks", e);
                }
            }
        } finally {
            meeting.shutdown();
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    public Communicator communicator() {
        return communicator;
    }

    public int rank() {
        return communicator.rank();
    }

    public int worldSize() {
        return communicator.worldSize();
    }

    /** Kernel and loader threads of each process when --threads is not given: the cores shared out. */
    public int defaultThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / worldSize());
    }

    /** Where this rank writes its run: rank 0 the folder asked for, the others their scratch folder. */
    public Path runDir(Path requested) {
        return scratch == null ? requested : scratch.resolve("run");
    }

    /**
     * Where this rank resumes the run in {@code runDir}: rank 0 in the folder itself; the others
     * in their scratch folder, into which they copy the run's settings, split and last checkpoint
     * (they only read {@code runDir}, which must therefore be reachable from every rank). So every
     * rank loads the same weights, optimizer state and epoch count, and the data order continues
     * at the same epoch. The copy is safe: rank 0 rewrites the checkpoint only after the first
     * step, which waits for every rank.
     */
    public Path resumeDir(Path runDir) throws IOException {
        if (scratch == null) return runDir;
        Path copy = scratch.resolve("run");
        for (String file : RESUME_FILES) {
            Path from = runDir.resolve(file);
            if (Files.isRegularFile(from)) {
                Files.createDirectories(copy.resolve(file).getParent());
                Files.copy(from, copy.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path split = runDir.resolve("split");
        if (Files.isDirectory(split)) {
            try (Stream<Path> parts = Files.list(split)) {
                for (Path part : parts.toList()) {
                    Files.createDirectories(copy.resolve("split"));
                    Files.copy(
                            part,
                            copy.resolve("split").resolve(part.getFileName()),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return copy;
    }

    /** What a resumed run reads from its folder besides split/: its settings and where it stopped. */
    private static final List<String> RESUME_FILES = List.of("config.json", "last.safetensors");

    /** One line for the console. */
    public String describe() {
        return "data-parallel: rank " + rank() + " of " + worldSize() + " processes"
                + (rank() == 0 ? " (rank 0 writes the run folder; the others' output is prefixed by their rank)" : "");
    }

    /**
     * Ends this rank's part. Rank 0 after success waits for the children and fails if one of them
     * failed; after a failure it stops them. A child deletes its scratch folder.
     */
    public void finish(boolean succeeded) throws InterruptedException {
        communicator.close();
        if (children != null) {
            if (!succeeded) {
                children.stop();
                return;
            }
            List<String> failures = children.await(Rendezvous.DEFAULT_TIMEOUT_SECONDS);
            if (!failures.isEmpty()) {
                children.stop();
                throw new IllegalStateException("--nproc: " + String.join("; ", failures) + "; see their output above");
            }
        }
        if (scratch != null) deleteRecursively(scratch);
    }

    private static void deleteRecursively(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the scratch folder " + folder + ": " + e.getMessage(), e);
        }
    }
}
