package org.jgrad.check;

import static org.jgrad.tensor.TensorInternals.storage;

import java.util.Random;
import java.util.function.Function;
import org.jgrad.autograd.GradMode;
import org.jgrad.tensor.Tensor;

/**
 * Finite-difference gradient checker, for tests and for learners who write their own op.
 *
 * <p>It reduces the op's output to a scalar with fixed random weights, L = Σ w·f(x), summed in
 * float64 on the host, so every output element takes part. The analytic gradient comes from
 * {@code backward()}; the numeric one from central differences (L(x+h) - L(x-h)) / 2h, one input
 * element at a time. Elements are compared with |analytic - numeric| ≤ atol + rtol·max(|a|, |n|).
 *
 * <pre>{@code
 * GradCheck.assertGradients(in -> in[0].sigmoid(), x);
 * }</pre>
 */
public final class GradCheck {
    private final double step;
    private final double rtol;
    private final double atol;
    private final int maxPointsPerInput;
    private final long seed;

    /**
     * Step 1e-2, rtol 1e-2, atol 1e-3, every element of inputs up to 2000 elements (of larger inputs,
     * about 2000 evenly spaced ones); weight seed 7.
     */
    public GradCheck() {
        this(1e-2, 1e-2, 1e-3, 2000, 7);
    }

    /**
     * A checker with its own settings.
     *
     * @param step h of the central difference (in the inputs' units; float32 inputs need a large one)
     * @param rtol relative tolerance
     * @param atol absolute tolerance
     * @param maxPointsPerInput how many elements of each input to check at most (evenly spaced)
     * @param seed seed of the random weights that reduce the output to a scalar
     */
    public GradCheck(double step, double rtol, double atol, int maxPointsPerInput, long seed) {
        this.step = step;
        this.rtol = rtol;
        this.atol = atol;
        this.maxPointsPerInput = maxPointsPerInput;
        this.seed = seed;
    }

    /**
     * Checks with the default settings; throws {@link AssertionError} naming the first bad element.
     *
     * @param f the function of the inputs to check, built from tensor ops; any output shape
     * @param inputs the points to check at; they are given requiresGrad and their gradients are reset
     * @return the report, when every element is within tolerance
     * @throws AssertionError naming the worst input and element, with both gradients, when one is not
     */
    public static Report assertGradients(Function<Tensor[], Tensor> f, Tensor... inputs) {
        return new GradCheck().check(f, inputs).orThrow();
    }

    /**
     * The largest deviation found, and where; {@code ok} when all elements were within tolerance.
     *
     * @param ok whether every checked element was within tolerance
     * @param worstError the absolute error |analytic − numeric| of the worst element
     * @param worstInput the index of the input holding it
     * @param worstIndex its flat index in that input
     * @param analytic the gradient backward() gave there
     * @param numeric the central-difference gradient there
     * @param pointsChecked the elements compared, over all inputs
     */
    public record Report(
            boolean ok,
            double worstError,
            int worstInput,
            int worstIndex,
            double analytic,
            double numeric,
            int pointsChecked) {
        /**
         * Returns this report when the check passed.
         *
         * @return this report
         * @throws AssertionError naming the worst element when the check failed
         */
        public Report orThrow() {
            if (!ok) {
                throw new AssertionError(String.format(
                        "gradient check failed at input %d, element %d: analytic %.6g,"
                                + " numeric %.6g (abs error %.3g); %d elements checked",
                        worstInput, worstIndex, analytic, numeric, worstError, pointsChecked));
            }
            return this;
        }
    }

    /**
     * Compares the backward pass of {@code f} with central differences at {@code inputs}.
     *
     * @param f the function of the inputs to check, built from tensor ops; any output shape
     * @param inputs the points to check at; they are given requiresGrad and their gradients are reset
     * @return the report; it does not throw on failure (see {@link Report#orThrow})
     */
    public Report check(Function<Tensor[], Tensor> f, Tensor... inputs) {
        // retainGrad: an input that an op made (not a leaf) would otherwise have its gradient released by backward.
        for (Tensor t : inputs) {
            t.requiresGrad(true).retainGrad();
            t.zeroGrad();
        }
        Tensor out = f.apply(inputs);
        double[] weights = randomWeights(out.size());
        Tensor w = Tensor.of(out.backend(), toFloat(weights), out.shape());
        out.mul(w).sum().backward();

        double worstExcess = Double.NEGATIVE_INFINITY, worstA = 0, worstN = 0;
        int worstInput = -1, worstIndex = -1, points = 0;
        for (int i = 0; i < inputs.length; i++) {
            Tensor x = inputs[i];
            float[] analytic = x.grad() == null ? new float[x.size()] : x.grad().toArray();
            float[] values = x.toArray();
            int stride = Math.max(1, values.length / maxPointsPerInput);
            for (int j = 0; j < values.length; j += stride) {
                double numeric = numericDerivative(f, inputs, x, values, j, weights);
                double a = analytic[j];
                double excess = Math.abs(a - numeric) - (atol + rtol * Math.max(Math.abs(a), Math.abs(numeric)));
                if (excess > worstExcess) {
                    worstExcess = excess;
                    worstA = a;
                    worstN = numeric;
                    worstInput = i;
                    worstIndex = j;
                }
                points++;
            }
        }
        boolean ok = worstExcess <= 0;
        return new Report(ok, Math.abs(worstA - worstN), worstInput, worstIndex, worstA, worstN, points);
    }

    private double numericDerivative(
            Function<Tensor[], Tensor> f, Tensor[] inputs, Tensor x, float[] values, int j, double[] weights) {
        float original = values[j];
        try (var scope = GradMode.noGrad()) {
            set(x, j, (float) (original + step));
            double plus = weightedSum(f.apply(inputs), weights);
            set(x, j, (float) (original - step));
            double minus = weightedSum(f.apply(inputs), weights);
            set(x, j, original);
            return (plus - minus) / (2 * step);
        }
    }

    private static void set(Tensor x, int index, float value) {
        x.backend().copyBlocks(storage(x), index, 0, x.backend().upload(new float[] {value}), 0, 0, 1, 1);
    }

    private static double weightedSum(Tensor out, double[] weights) {
        float[] v = out.toArray();
        double sum = 0;
        for (int i = 0; i < v.length; i++) sum += weights[i] * v[i];
        return sum;
    }

    private double[] randomWeights(int n) {
        Random r = new Random(seed);
        double[] w = new double[n];
        // Weights that are exact in float32, so the analytic side sees the same L.
        for (int i = 0; i < n; i++) w[i] = (float) (r.nextDouble() * 2 - 1);
        return w;
    }

    private static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
        return f;
    }
}
