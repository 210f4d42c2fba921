package org.jgrad.backend.cpu;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one place where the fast CPU backend uses threads. A kernel hands it a range of independent
 * work items [0, count) and a body that processes a contiguous part of it; the range is cut into
 * at most {@link #threads()} equal parts, the calling thread runs the first part and daemon
 * worker threads run the others, part i always on worker i, and the call returns when all parts
 * are done.
 *
 * <p>The body also gets the index of the part, so a kernel can give each part its own partial
 * result (e.g. a per-thread filter gradient) and combine them afterwards. Because the parts of one
 * call always run on different threads, a part may use its thread's {@link Scratch} buffers.
 *
 * <p>{@link #setForceSingleThread(boolean)} (or {@code -Djgrad.cpu.singleThread=true}) makes every
 * call run serially on the caller, so serial and parallel results can be compared in a test.
 * A call made from inside a worker also runs serially, so kernels may nest without deadlock.
 */
public final class Parallel {

    /** The work of one part: items [from, to), part index {@code part} in [0, parts). */
    @FunctionalInterface
    public interface RangeBody {
        /**
         * Does the work of items [from, to).
         *
         * @param from the first item
         * @param to the item after the last
         * @param part this part's index, in [0, parts): a slot for per-thread scratch memory
         */
        void run(int from, int to, int part);
    }

    /** The work of one item of {@link #forEach}: item index, and the part (thread) running it. */
    @FunctionalInterface
    public interface ItemBody {
        /**
         * Does the work of one item.
         *
         * @param item the item's index
         * @param part the index of the part (thread) running it: a slot for per-thread scratch memory
         */
        void run(int item, int part);
    }

    private static volatile boolean forceSingleThread = Boolean.getBoolean("jgrad.cpu.singleThread");
    private static final ThreadLocal<Boolean> IN_WORKER = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private static final AtomicInteger POOL_NUMBER = new AtomicInteger();

    private volatile int threads;
    private volatile ExecutorService[] workers; // threads - 1 single-thread executors: part i runs on workers[i - 1]

    /**
     * A pool of {@code threads - 1} worker threads; the caller is the last.
     *
     * @param threads how many threads a call may use, the caller included (at least 1)
     * @throws IllegalArgumentException if threads is below 1
     */
    public Parallel(int threads) {
        setThreads(threads);
    }

    /**
     * Changes the number of threads (the caller included). Meant for set-up time, e.g. a command's
     * {@code --threads}: a call already running finishes on the old workers.
     *
     * @param threads at least 1
     * @throws IllegalArgumentException if threads is below 1
     */
    public synchronized void setThreads(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        ExecutorService[] old = workers;
        int pool = POOL_NUMBER.incrementAndGet();
        ExecutorService[] fresh = new ExecutorService[threads - 1];
        for (int i = 0; i < fresh.length; i++) {
            String name = "jgrad-cpu-" + pool + "-" + (i + 1);
            fresh[i] = Executors.newSingleThreadExecutor(runnable -> {
                Thread t = new Thread(
                        () -> {
                            IN_WORKER.set(Boolean.TRUE);
                            runnable.run();
                        },
                        name);
                t.setDaemon(true);
                return t;
            });
        }
        this.workers = fresh;
        this.threads = threads;
        if (old != null) for (ExecutorService e : old) e.shutdown();
    }

    /**
     * The number of threads a call may use, the caller included.
     *
     * @return at least 1
     */
    public int threads() {
        return threads;
    }

    /**
     * Makes every call of every instance run on the calling thread (for tests and debugging).
     *
     * @param value true to force one thread, false to allow the configured number again
     */
    public static void setForceSingleThread(boolean value) {
        forceSingleThread = value;
    }

    /**
     * Whether every call is forced onto the calling thread (see {@link #setForceSingleThread}).
     *
     * @return true when forced; also true at start-up if the system property jgrad.cpu.singleThread is true
     */
    public static boolean isForceSingleThread() {
        return forceSingleThread;
    }

    /**
     * How many parts {@link #forRange} would cut {@code count} items into, given a minimum part size.
     * One part when single-threaded, forced, or called from inside a worker (no nested parallelism).
     *
     * @param count the number of items
     * @param minPerPart the fewest items worth a part of its own
     * @return between 0 (no items) and {@link #threads()}
     */
    public int parts(int count, int minPerPart) {
        if (count <= 0) return 0;
        if (threads == 1 || forceSingleThread || IN_WORKER.get()) return 1;
        int byWork = Math.max(1, count / Math.max(1, minPerPart));
        return Math.min(threads, Math.min(count, byWork));
    }

    /**
     * Runs body over [0, count) cut into {@link #parts(int, int)} contiguous parts of (nearly) equal
     * size, each at least {@code minPerPart} items long unless count itself is smaller. Returns when
     * every part is done; the first failure of any part is rethrown.
     *
     * @param count the number of items
     * @param minPerPart the fewest items worth a part of its own
     * @param body the work of one part
     */
    public void forRange(int count, int minPerPart, RangeBody body) {
        ExecutorService[] pool = workers;
        int parts = Math.min(parts(count, minPerPart), pool.length + 1);
        if (parts <= 0) return;
        if (parts == 1) {
            body.run(0, count, 0);
            return;
        }
        List<Future<?>> pending = new ArrayList<>(parts - 1);
        for (int part = 1; part < parts; part++) {
            int from = bound(count, parts, part), to = bound(count, parts, part + 1), index = part;
            pending.add(pool[part - 1].submit(() -> body.run(from, to, index)));
        }
        Throwable failure = null;
        try {
            body.run(0, bound(count, parts, 1), 0);
        } catch (Throwable t) {
            failure = t;
        }
        for (Future<?> f : pending) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (failure == null) failure = e.getCause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (failure == null) failure = e;
            }
        }
        if (failure instanceof RuntimeException re) throw re;
        if (failure instanceof Error err) throw err;
        if (failure != null) throw new IllegalStateException("parallel kernel failed", failure);
    }

    /**
     * Runs body for every item in [0, count), handing items out one at a time to whichever thread
     * is free (so a thread slowed down by other processes on a shared machine does less of the
     * work). Each thread runs as one part: items of the same part never run concurrently.
     *
     * @param count the number of items
     * @param body the work of one item
     */
    public void forEach(int count, ItemBody body) {
        int parts = parts(count, 1);
        if (parts <= 1) {
            for (int i = 0; i < count; i++) body.run(i, 0);
            return;
        }
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        forRange(parts, 1, (from, to, part) -> {
            for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) body.run(i, part);
        });
    }

    /** Start of part {@code part} when count items are cut into {@code parts}. */
    private static int bound(int count, int parts, int part) {
        return (int) ((long) count * part / parts);
    }

    @Override
    public String toString() {
        return "Parallel[" + threads + " threads]";
    }
}
