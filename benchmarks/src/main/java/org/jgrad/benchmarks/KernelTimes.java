package org.jgrad.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.jgrad.backend.BinaryOp;
import org.jgrad.backend.ConvGeometry;
import org.jgrad.backend.PoolGeometry;
import org.jgrad.backend.Storage;
import org.jgrad.backend.UnaryOp;
import org.jgrad.backend.cpu.FastCpuBackend;
import org.jgrad.device.Backends;
import org.jgrad.loss.Losses;
import org.jgrad.models.LesionNetS;
import org.jgrad.nn.Module;
import org.jgrad.optim.Adam;
import org.jgrad.tensor.Tensor;

/**
 * Where a LesionNet-S training step (batch 32) spends its time, kernel by kernel: the fast CPU
 * backend with every kernel timed, including {@code allocate} (the zero-filled output buffers the
 * ops ask for). This is the profile docs/PERFORMANCE.md quotes.
 * <pre>
 * java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar \
 *      org.jgrad.benchmarks.KernelTimes [threads=2] [steps=40] [wall|cpu]
 * </pre>
 * {@code cpu} times the calling thread's CPU time (one thread only: it ignores time spent by
 * workers and in the garbage collector, but not time lost to other processes on a shared machine).
 */
public final class KernelTimes extends FastCpuBackend {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    private final Map<String, long[]> totals = new TreeMap<>();
    private final boolean cpuTime;

    private KernelTimes(int threads, boolean cpuTime) {
        super(threads);
        this.cpuTime = cpuTime;
    }

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        boolean cpu = args.length > 2 && args[2].equals("cpu");
        KernelTimes backend = new KernelTimes(threads, cpu);
        Backends.setDefault(backend);
        Module model = LesionNetS.create(1).to(backend);
        Adam optimizer = new Adam(model.parameters(), 1e-3f);
        Random random = new Random(1);
        Tensor images = Tensor.of(backend, Data.gaussian(random, 32 * 3 * 64 * 64), 32, 3, 64, 64);
        float[] y = new float[32];
        for (int i = 0; i < y.length; i++) y[i] = random.nextBoolean() ? 1f : 0f;
        Tensor labels = Tensor.of(backend, y, 32, 1);
        Runnable step = () -> {
            optimizer.zeroGrad();
            Tensor loss = Losses.binaryCrossEntropyWithLogits(model.forward(images), labels);
            loss.backward();
            optimizer.step();
            loss.item();
        };
        for (int i = 0; i < 20; i++) step.run();
        backend.totals.clear();
        long start = System.nanoTime();
        for (int i = 0; i < steps; i++) step.run();
        double msPerStep = (System.nanoTime() - start) / 1e6 / steps;
        System.out.printf(
                Locale.ROOT,
                "%s, %s time per kernel, LesionNet-S batch 32, %d steps%n",
                backend.describe(),
                cpu ? "calling thread's CPU" : "wall",
                steps);
        long sum = 0;
        for (Map.Entry<String, long[]> e : backend.totals.entrySet()) {
            sum += e.getValue()[0];
            System.out.printf(
                    Locale.ROOT,
                    "%-22s %7.2f ms/step  %5.1f calls/step%n",
                    e.getKey(),
                    e.getValue()[0] / 1e6 / steps,
                    e.getValue()[1] / (double) steps);
        }
        System.out.printf(
                Locale.ROOT,
                "%-22s %7.2f ms/step%nwhole step (wall)      %7.2f ms/step = %.1f img/s%n",
                "kernels together",
                sum / 1e6 / steps,
                msPerStep,
                32 / msPerStep * 1e3);
    }

    private long now() {
        return cpuTime ? MX.getCurrentThreadCpuTime() : System.nanoTime();
    }

    private void timed(String name, Runnable kernel) {
        long t0 = now();
        kernel.run();
        long[] v = totals.computeIfAbsent(name, k -> new long[2]);
        v[0] += now() - t0;
        v[1]++;
    }

    private <T> T timed(String name, Supplier<T> kernel) {
        long t0 = now();
        T result = kernel.get();
        long[] v = totals.computeIfAbsent(name, k -> new long[2]);
        v[0] += now() - t0;
        v[1]++;
        return result;
    }

    private static String conv(ConvGeometry g) {
        return " " + g.inChannels() + "->" + g.outChannels();
    }

    @Override
    public Storage allocate(int size) {
        return timed("allocate", () -> super.allocate(size));
    }

    @Override
    public void unary(UnaryOp op, Storage out, Storage in, float alpha, int n) {
        timed("unary " + op, () -> super.unary(op, out, in, alpha, n));
    }

    @Override
    public void unaryBackward(UnaryOp op, Storage dIn, Storage dOut, Storage in, Storage out, float alpha, int n) {
        timed("unaryBackward " + op, () -> super.unaryBackward(op, dIn, dOut, in, out, alpha, n));
    }

    @Override
    public void binary(BinaryOp op, Storage out, Storage a, int[] as, Storage b, int[] bs, int[] shape) {
        timed("binary " + op, () -> super.binary(op, out, a, as, b, bs, shape));
    }

    @Override
    public void axpy(Storage y, float alpha, Storage x, int n) {
        timed("axpy", () -> super.axpy(y, alpha, x, n));
    }

    @Override
    public void reduceSum(Storage out, int outSize, int[] outStrides, Storage in, int[] inShape) {
        timed("reduceSum", () -> super.reduceSum(out, outSize, outStrides, in, inShape));
    }

    @Override
    public void gemm(
            boolean ta,
            boolean tb,
            int m,
            int n,
            int k,
            float alpha,
            Storage a,
            int ao,
            int lda,
            Storage b,
            int bo,
            int ldb,
            float beta,
            Storage c,
            int co,
            int ldc) {
        timed("gemm", () -> super.gemm(ta, tb, m, n, k, alpha, a, ao, lda, b, bo, ldb, beta, c, co, ldc));
    }

    @Override
    public void conv2dForward(Storage y, Storage x, Storage w, Storage b, ConvGeometry g) {
        timed("conv forward" + conv(g), () -> super.conv2dForward(y, x, w, b, g));
    }

    @Override
    public void conv2dBackwardData(Storage dx, Storage dy, Storage w, ConvGeometry g) {
        timed("conv bwd-data" + conv(g), () -> super.conv2dBackwardData(dx, dy, w, g));
    }

    @Override
    public void conv2dBackwardFilter(Storage dw, Storage db, Storage dy, Storage x, ConvGeometry g) {
        timed("conv bwd-filter" + conv(g), () -> super.conv2dBackwardFilter(dw, db, dy, x, g));
    }

    @Override
    public void maxPoolForward(Storage y, Storage x, PoolGeometry g) {
        timed("maxPool forward", () -> super.maxPoolForward(y, x, g));
    }

    @Override
    public void maxPoolBackward(Storage dx, Storage dy, Storage x, PoolGeometry g) {
        timed("maxPool backward", () -> super.maxPoolBackward(dx, dy, x, g));
    }

    @Override
    public void adamUpdate(
            Storage p,
            Storage g,
            Storage m,
            Storage v,
            int n,
            float lr,
            float b1,
            float b2,
            float eps,
            float wd,
            boolean decoupled,
            int step) {
        timed("adam", () -> super.adamUpdate(p, g, m, v, n, lr, b1, b2, eps, wd, decoupled, step));
    }

    @Override
    public void bceWithLogitsForward(Storage loss, Storage logits, Storage targets, float w, int n) {
        timed("bce", () -> super.bceWithLogitsForward(loss, logits, targets, w, n));
    }

    @Override
    public void bceWithLogitsBackward(Storage d, Storage logits, Storage targets, float w, float scale, int n) {
        timed("bce", () -> super.bceWithLogitsBackward(d, logits, targets, w, scale, n));
    }
}
