package org.jgrad.dist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Test helpers: run one body per rank on its own thread; make in-process and TCP-ring groups. */
final class Ranks {
    interface Body<T> {
        T run(Communicator c) throws Exception;
    }

    private Ranks() {}

    /** Runs body on every communicator at once and returns each rank's result (rethrowing the first failure). */
    static <T> List<T> run(List<Communicator> group, Body<T> body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(group.size());
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Communicator c : group) futures.add(pool.submit(() -> body.run(c)));
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                try {
                    results.add(f.get(120, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Exception cause) throw cause;
                    throw e;
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** A TCP ring of {@code size} ranks on the loopback interface, met through {@link Rendezvous} in threads. */
    static List<Communicator> tcpRing(int size, long timeoutMillis) throws Exception {
        int port = freePort();
        List<Communicator> dummies = LocalCommunicator.group(size, 60_000); // only to carry the rank into the threads
        return run(dummies, c -> new Rendezvous(c.rank(), size, "127.0.0.1", port, timeoutMillis).connect());
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void closeAll(List<Communicator> group) {
        group.forEach(Communicator::close);
    }
}
