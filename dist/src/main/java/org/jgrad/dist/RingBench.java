package org.jgrad.dist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jgrad.models.LesionNetS;
import org.jgrad.models.ResNet18;

/**
 * Measures the TCP ring's all-reduce on the loopback interface: W ranks as threads of one JVM,
 * each with its own sockets, all-reducing the gradient sizes of LesionNet-S and ResNet-18 (counted
 * from the engine's models). Prints one line per size: median and best of the timed runs.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp app/target/jgrad.jar org.jgrad.dist.RingBench [ranks] [runs]</pre>
 */
public final class RingBench {
    private RingBench() {}

    public static void main(String[] args) throws Exception {
        int world = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        long[] sizes = {LesionNetS.create(1).parameterCount(), new ResNet18(1, 1).parameterCount()};
        String[] names = {"lesionnet-s", "resnet18"};
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ExecutorService pool = Executors.newFixedThreadPool(world);
        List<Future<Communicator>> joining = new ArrayList<>();
        for (int r = 0; r < world; r++) {
            int rank = r;
            joining.add(pool.submit(() -> new Rendezvous(rank, world, "127.0.0.1", port, 60_000).connect()));
        }
        List<Communicator> ring = new ArrayList<>();
        for (Future<Communicator> f : joining) ring.add(f.get());
        for (int i = 0; i < sizes.length; i++) {
            int floats = Math.toIntExact(sizes[i]);
            double[] ms = new double[runs];
            for (int run = -3; run < runs; run++) { // 3 warm-up runs
                List<Future<Long>> timed = new ArrayList<>();
                for (Communicator c : ring) {
                    timed.add(pool.submit(() -> {
                        float[] data = new float[floats];
                        Arrays.fill(data, c.rank());
                        c.barrier();
                        long start = System.nanoTime();
                        c.allReduce(data, Communicator.Reduction.MEAN);
                        return System.nanoTime() - start;
                    }));
                }
                long slowest = 0;
                for (Future<Long> f : timed) slowest = Math.max(slowest, f.get());
                if (run >= 0) ms[run] = slowest / 1e6;
            }
            Arrays.sort(ms);
            System.out.printf(
                    Locale.ROOT,
                    "name=allreduce model=%s ranks=%d floats=%d median_ms=%.2f best_ms=%.2f runs=%d%n",
                    names[i],
                    world,
                    floats,
                    ms[runs / 2],
                    ms[0],
                    runs);
        }
        ring.forEach(Communicator::close);
        pool.shutdownNow();
    }
}
