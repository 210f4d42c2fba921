package org.jgrad.autograd;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jgrad.backend.Backend;

/**
 * Where a step's time goes, op by op: the forward of each op (timed up to its
 * {@link Graph#record}), each op's backward rule, and phases the caller marks (such as the
 * optimizer step). At every boundary it waits for the device ({@link Backend#synchronize()}), so
 * the time of an op is the device time of its kernels plus the host time around them. That
 * waiting slows the step; the profile is for finding the large entries, not for the total.
 *
 * <pre>
 * try (OpProfiler p = OpProfiler.start(backend)) {
 *     ... forward, backward ...
 *     optimizer.step(); p.mark("optimizer step");
 * }
 * System.out.print(p.table(steps));
 * </pre>
 * One profiler at a time; it counts only the ops of the thread that started it.
 */
public final class OpProfiler implements AutoCloseable {
    private static volatile OpProfiler active;

    private final Backend backend;
    private final Thread owner = Thread.currentThread();
    private final Map<String, long[]> entries = new LinkedHashMap<>(); // "forward conv2d" → {nanos, calls}
    private long mark;
    private boolean inBackward;

    private OpProfiler(Backend backend) {
        this.backend = backend;
    }

    /**
     * Starts profiling, on the calling thread, the ops that run on {@code backend} from now on.
     *
     * @param backend the backend to wait for at each boundary
     * @return the running profiler; close it to stop
     * @throws IllegalStateException if another profiler is running
     */
    public static OpProfiler start(Backend backend) {
        if (active != null) throw new IllegalStateException("an OpProfiler is already running");
        OpProfiler p = new OpProfiler(backend);
        backend.synchronize();
        p.mark = System.nanoTime();
        active = p;
        return p;
    }

    /**
     * Charges the time since the last boundary to {@code phase} (e.g. "optimizer step").
     *
     * @param phase the entry's name
     */
    public void mark(String phase) {
        charge(phase);
    }

    /** Stops profiling; the entries stay readable. */
    @Override
    public void close() {
        if (active == this) active = null;
    }

    /** The running profiler if the calling thread started it, else null. */
    private static OpProfiler mine() {
        OpProfiler p = active;
        return p != null && p.owner == Thread.currentThread() ? p : null;
    }

    // Called by Graph: an op's forward ended (ops inside a backward rule belong to that rule).
    static void forwardDone(String op) {
        OpProfiler p = mine();
        if (p != null && !p.inBackward) p.charge("forward " + op);
    }

    static void backwardStarts() {
        OpProfiler p = mine();
        if (p != null) {
            p.charge("(between forward and backward)");
            p.inBackward = true;
        }
    }

    static void backwardRuleDone(String op) {
        OpProfiler p = mine();
        if (p != null) p.charge("backward " + op);
    }

    static void backwardEnds() {
        OpProfiler p = mine();
        if (p != null) p.inBackward = false;
    }

    private void charge(String name) {
        backend.synchronize();
        long now = System.nanoTime();
        long[] e = entries.computeIfAbsent(name, k -> new long[2]);
        e[0] += now - mark;
        e[1]++;
        mark = now;
    }

    /**
     * Total nanoseconds and calls of each entry, in first-seen order.
     *
     * @return a copy: entry name → {nanoseconds, calls}
     */
    public Map<String, long[]> entries() {
        Map<String, long[]> copy = new LinkedHashMap<>();
        entries.forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }

    /**
     * The entries, largest first, per step: "ms per step, calls per step, share of the total".
     *
     * @param steps how many steps were profiled (the divisor)
     * @return the table as text, one line per entry and a total line
     */
    public String table(int steps) {
        long total = entries.values().stream().mapToLong(e -> e[0]).sum();
        List<Map.Entry<String, long[]>> rows = new ArrayList<>(entries.entrySet());
        rows.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[0])
                .reversed());
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-44s %10s %8s %7s%n", "op", "ms/step", "calls", "share"));
        for (Map.Entry<String, long[]> e : rows) {
            long[] v = e.getValue();
            out.append(String.format(
                    Locale.ROOT,
                    "%-44s %10.3f %8.1f %6.1f%%%n",
                    e.getKey(),
                    v[0] / 1e6 / steps,
                    (double) v[1] / steps,
                    100.0 * v[0] / Math.max(1, total)));
        }
        out.append(String.format(
                Locale.ROOT, "%-44s %10.3f%n", "total (with a device wait at every boundary)", total / 1e6 / steps));
        return out.toString();
    }
}
