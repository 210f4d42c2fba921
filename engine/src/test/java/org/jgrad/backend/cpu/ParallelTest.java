package org.jgrad.backend.cpu;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.jgrad.backend.ConvGeometry;
import org.jgrad.backend.KernelComparator;
import org.jgrad.backend.Storage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The parallel helper: coverage, distinct threads per part, errors, nesting, and the one-thread switch. */
class ParallelTest {
    private final Parallel parallel = new Parallel(3);

    @AfterEach
    void restore() {
        Parallel.setForceSingleThread(false);
    }

    @Test
    void everyItemOnceAndEachPartOnItsOwnThread() {
        for (int count : new int[] {1, 2, 3, 4, 10, 101}) {
            AtomicIntegerArray seen = new AtomicIntegerArray(count);
            Set<String> threads = ConcurrentHashMap.newKeySet();
            Set<Integer> partIndices = ConcurrentHashMap.newKeySet();
            parallel.forRange(count, 1, (from, to, part) -> {
                for (int i = from; i < to; i++) seen.incrementAndGet(i);
                threads.add(Thread.currentThread().getName());
                partIndices.add(part);
            });
            for (int i = 0; i < count; i++) assertEquals(1, seen.get(i), "item " + i + " of " + count);
            int parts = Math.min(3, count);
            assertEquals(parts, threads.size(), "threads used for " + count + " items");
            assertEquals(parts, partIndices.size());
        }
    }

    @Test
    void theThreadCountCanChange() {
        Parallel p = new Parallel(3);
        p.setThreads(2);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        p.forRange(
                100, 1, (from, to, part) -> threads.add(Thread.currentThread().getName()));
        assertEquals(2, p.threads());
        assertEquals(2, threads.size());
        assertThrows(IllegalArgumentException.class, () -> p.setThreads(0));
    }

    @Test
    void dynamicItemsAllRunOnceWithDistinctPartsPerThread() {
        AtomicIntegerArray seen = new AtomicIntegerArray(37);
        java.util.Map<Integer, String> threadOfPart = new ConcurrentHashMap<>();
        parallel.forEach(37, (item, part) -> {
            seen.incrementAndGet(item);
            String name = Thread.currentThread().getName();
            assertEquals(name, threadOfPart.computeIfAbsent(part, k -> name), "part " + part + " moved threads");
        });
        for (int i = 0; i < 37; i++) assertEquals(1, seen.get(i), "item " + i);
    }

    @Test
    void minimumPartSizeLimitsTheSplit() {
        assertEquals(1, parallel.parts(100, 100));
        assertEquals(2, parallel.parts(200, 100));
        assertEquals(3, parallel.parts(10_000, 100));
        assertEquals(0, parallel.parts(0, 1));
    }

    @Test
    void aFailingPartFailsTheCall() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> parallel.forRange(30, 1, (from, to, part) -> {
                    if (part == 2) throw new IllegalStateException("part 2 failed");
                }));
        assertEquals("part 2 failed", e.getMessage());
    }

    @Test
    void nestedCallsRunSeriallyInsteadOfDeadlocking() {
        AtomicIntegerArray seen = new AtomicIntegerArray(9);
        parallel.forRange(
                3,
                1,
                (from, to, part) -> parallel.forRange(3, 1, (f, t, p) -> {
                    for (int i = f; i < t; i++) seen.incrementAndGet(from * 3 + i);
                }));
        for (int i = 0; i < 9; i++) assertEquals(1, seen.get(i));
    }

    @Test
    void forcedSingleThreadRunsEverythingOnTheCaller() {
        Parallel.setForceSingleThread(true);
        String caller = Thread.currentThread().getName();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        parallel.forRange(
                1000, 1, (from, to, part) -> threads.add(Thread.currentThread().getName()));
        assertEquals(Set.of(caller), threads);
    }

    @Test
    void serialAndParallelKernelsAgree() {
        FastCpuBackend backend = new FastCpuBackend(3);
        java.util.Random random = new java.util.Random(5);
        ConvGeometry g = new ConvGeometry(7, 5, 13, 11, 9, 3, 3, 1, 1, 1, 1);
        float[] x = new float[g.inputSize()],
                dy = new float[g.outputSize()],
                a = new float[300 * 200],
                b = new float[200 * 170];
        for (float[] arr : new float[][] {x, dy, a, b})
            for (int i = 0; i < arr.length; i++) arr[i] = (float) random.nextGaussian();
        float[][] results = new float[4][];
        for (int run = 0; run < 2; run++) {
            Parallel.setForceSingleThread(run == 0);
            Storage dw = backend.allocate(g.weightSize()),
                    db = backend.allocate(g.outChannels()),
                    c = backend.allocate(300 * 170);
            backend.conv2dBackwardFilter(dw, db, backend.upload(dy), backend.upload(x), g);
            backend.gemm(
                    false,
                    false,
                    300,
                    170,
                    200,
                    1f,
                    backend.upload(a),
                    0,
                    200,
                    backend.upload(b),
                    0,
                    170,
                    0f,
                    c,
                    0,
                    170);
            results[2 * run] = CpuStorage.array(dw).clone();
            results[2 * run + 1] = CpuStorage.array(c).clone();
        }
        // GEMM bands never change the order of a sum: identical. The filter gradient adds per-thread partials: close.
        KernelComparator.assertClose("gemm serial vs parallel", results[1], results[3], 0, 0);
        KernelComparator.assertClose("conv2dBackwardFilter serial vs parallel", results[0], results[2], 1e-5, 1e-4);
    }

    @Test
    void aThreadedFilterGradientIsTheSameOnEveryRun() {
        FastCpuBackend backend = new FastCpuBackend(3);
        java.util.Random random = new java.util.Random(9);
        ConvGeometry g = new ConvGeometry(11, 4, 12, 12, 8, 3, 3, 1, 1, 1, 1);
        float[] x = new float[g.inputSize()], dy = new float[g.outputSize()];
        for (float[] arr : new float[][] {x, dy})
            for (int i = 0; i < arr.length; i++) arr[i] = (float) random.nextGaussian();
        float[] first = null;
        for (int run = 0; run < 5; run++) {
            Storage dw = backend.allocate(g.weightSize());
            backend.conv2dBackwardFilter(dw, null, backend.upload(dy), backend.upload(x), g);
            if (first == null) first = CpuStorage.array(dw).clone();
            else
                KernelComparator.assertClose(
                        "filter gradient, run " + run + " vs run 0", first, CpuStorage.array(dw), 0, 0);
        }
    }
}
