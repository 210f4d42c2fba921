package org.jgrad.tensor;

import java.util.Arrays;
import java.util.Random;
import org.jgrad.autograd.Graph;
import org.jgrad.autograd.Node;
import org.jgrad.backend.Backend;
import org.jgrad.backend.Backends;
import org.jgrad.backend.Storage;
import org.jgrad.ops.*;

/**
 * An n-dimensional array of float32 in row-major order (NCHW for images), living in the memory
 * of one {@link Backend}. When {@code requiresGrad} is set, ops that read it record themselves
 * (see {@link Graph}) and {@link #backward()} fills {@link #grad()}.
 *
 * <p>This class only creates tensors and forwards to the op classes in {@code org.jgrad.ops};
 * the maths of each op, forward and backward, lives in that op's own file.
 */
public final class Tensor {
    private final int[] shape;
    private final Storage storage;
    private boolean requiresGrad;
    private Tensor grad;
    private Node creator;
    /** Keep this non-leaf tensor's gradient after backward (leaves always keep theirs). */
    private boolean retainGrad;
    private String name;

    /** Wraps an existing buffer (no copy). The buffer must hold at least size(shape) floats. */
    public Tensor(Storage storage, int... shape) {
        this.shape = shape.clone();
        this.storage = storage;
        if (storage.size() < Shape.size(shape)) {
            throw new IllegalArgumentException("storage of " + storage.size() + " floats is too small for shape "
                    + Arrays.toString(shape));
        }
    }

    // ---------------------------------------------------------------- creation

    public static Tensor of(float[] data, int... shape) { return of(Backends.getDefault(), data, shape); }

    public static Tensor of(Backend backend, float[] data, int... shape) {
        if (data.length != Shape.size(shape)) {
            throw new IllegalArgumentException("Tensor.of: " + data.length + " values do not fill shape " + Arrays.toString(shape));
        }
        return new Tensor(backend.upload(data), shape);
    }

    /** A 1-element tensor of shape [] (a scalar). */
    public static Tensor scalar(float value) { return of(new float[] {value}); }

    public static Tensor zeros(int... shape) { return zeros(Backends.getDefault(), shape); }

    public static Tensor zeros(Backend backend, int... shape) { return new Tensor(backend.allocate(Shape.size(shape)), shape); }

    /**
     * A tensor whose values are undefined (possibly a released buffer's old values): only for an
     * op's output that the next kernel overwrites in full. Ops use it to skip zeroing memory.
     */
    public static Tensor empty(Backend backend, int... shape) {
        return new Tensor(backend.allocateUninitialized(Shape.size(shape)), shape);
    }

    public static Tensor ones(int... shape) { return full(Backends.getDefault(), 1f, shape); }

    public static Tensor ones(Backend backend, int... shape) { return full(backend, 1f, shape); }

    public static Tensor full(Backend backend, float value, int... shape) {
        Tensor t = zeros(backend, shape);
        backend.fill(t.storage, value, t.size());
        return t;
    }

    /** Normal(mean 0, std) values from a seeded generator: same seed, same tensor. */
    public static Tensor randn(long seed, float std, int... shape) {
        Random random = new Random(seed);
        float[] data = new float[Shape.size(shape)];
        for (int i = 0; i < data.length; i++) data[i] = (float) random.nextGaussian() * std;
        return of(data, shape);
    }

    /** Uniform values in [low, high) from a seeded generator. */
    public static Tensor uniform(long seed, float low, float high, int... shape) {
        Random random = new Random(seed);
        float[] data = new float[Shape.size(shape)];
        for (int i = 0; i < data.length; i++) data[i] = low + (high - low) * random.nextFloat();
        return of(data, shape);
    }

    /** A copy of this tensor's values in another backend's memory (no graph, no grad). */
    public Tensor to(Backend target) {
        if (target == backend()) return this;
        return of(target, toArray(), shape);
    }

    // ---------------------------------------------------------------- inspection

    public int[] shape() { return shape.clone(); }
    public int rank() { return shape.length; }
    public int dim(int axis) { return shape[axis < 0 ? shape.length + axis : axis]; }
    public int size() { return Shape.size(shape); }
    public Storage storage() { return storage; }
    public Backend backend() { return storage.backend(); }
    public String name() { return name; }
    public Tensor named(String newName) { this.name = newName; return this; }

    /** The values, copied to the host. */
    public float[] toArray() {
        float[] out = new float[size()];
        backend().download(storage, 0, out, out.length);
        return out;
    }

    /**
     * Overwrites this tensor's values in place with {@code source[offset .. offset + size())}, keeping
     * its storage (so optimizers and modules holding it see the new values), e.g. with values that
     * arrived from another process.
     */
    public void copyFrom(float[] source, int offset) {
        if (offset < 0 || offset + (long) size() > source.length) {
            throw new IllegalArgumentException("copyFrom: " + size() + " values from offset " + offset
                    + " do not fit in a source of " + source.length);
        }
        Storage values = backend().upload(Arrays.copyOfRange(source, offset, offset + size()));
        backend().copyBlocks(storage, 0, 0, values, 0, 0, 1, size());
        backend().release(values);
    }

    /** The single value of a one-element tensor. */
    public float item() {
        if (size() != 1) throw new IllegalStateException("item() needs one element, shape is " + Arrays.toString(shape));
        return toArray()[0];
    }

    @Override public String toString() {
        float[] v = toArray();
        String values = v.length <= 16 ? Arrays.toString(v) : Arrays.toString(Arrays.copyOf(v, 16)) + "…";
        return "Tensor" + Arrays.toString(shape) + (requiresGrad ? "(grad)" : "") + " " + values;
    }

    // ---------------------------------------------------------------- autograd

    public boolean requiresGrad() { return requiresGrad; }

    public Tensor requiresGrad(boolean value) { this.requiresGrad = value; return this; }

    /**
     * The accumulated gradient, or null before any backward pass reached this tensor. Only leaves
     * (tensors no op made, such as parameters) and tensors marked with {@link #retainGrad()} keep
     * it after backward: an intermediate tensor's gradient is released as soon as its op has
     * passed it on, so its memory is reused within the same pass (as in PyTorch).
     */
    public Tensor grad() { return grad; }

    /** Keeps this intermediate tensor's gradient after backward, for inspection. Returns this. */
    public Tensor retainGrad() { retainGrad = true; return this; }

    /** Whether backward keeps this tensor's gradient: a leaf, or marked with {@link #retainGrad()}. */
    public boolean retainsGrad() { return creator == null || retainGrad; }

    /**
     * Called by {@link Graph#backward} once this tensor's op has consumed the gradient: forgets it
     * and lets the backend reuse its memory now. Safe because a tensor's grad is always its own
     * buffer (accumulateGrad copies, accumulateFreshGrad adopts only buffers made for it alone).
     */
    public void releaseGrad() {
        if (retainsGrad()) {
            throw new IllegalStateException("releaseGrad(): this tensor keeps its gradient (a leaf such as a parameter, "
                    + "or marked retainGrad()); only an intermediate gradient is released");
        }
        if (grad == null) return;
        Tensor g = grad;
        grad = null;
        g.backend().release(g.storage);
    }

    public Node creator() { return creator; }

    /** Called by {@link Graph#record}: this tensor was produced by the node's op. */
    public void setCreator(Node node) { this.creator = node; this.requiresGrad = true; }

    /** Adds g (already in this tensor's shape) into grad; the first time, grad becomes a copy. */
    public void accumulateGrad(Tensor g) {
        if (!requiresGrad) return;
        if (!Arrays.equals(g.shape, shape)) {
            throw new IllegalStateException("gradient shape " + Arrays.toString(g.shape) + " does not match tensor shape "
                    + Arrays.toString(shape) + (creator != null ? " (output of " + creator.opName() + ")" : ""));
        }
        if (grad == null) {
            // The first contribution is copied (never adopted: g may be another tensor's gradient).
            grad = new Tensor(backend().allocate(size()), shape);
            backend().copyBlocks(grad.storage, 0, 0, g.storage, 0, 0, 1, size());
        } else {
            backend().axpy(grad.storage, 1f, g.storage, size());
        }
    }

    /**
     * Like {@link #accumulateGrad}, for a g that an op's backward rule made for this tensor alone
     * (a fresh result nobody else holds): the first contribution becomes grad as it is, saving a
     * copy of the whole gradient per tensor per step. Rules that pass dY on, or hand the same
     * tensor to two inputs, must call accumulateGrad instead: g must share memory with no
     * other tensor, because the grad is released (its memory reused) after backward.
     */
    public void accumulateFreshGrad(Tensor g) {
        if (grad == null && requiresGrad && Arrays.equals(g.shape, shape) && g.creator == null) {
            grad = g;
        } else {
            accumulateGrad(g);
        }
    }

    /** Forgets the gradient (optimizers call this before each step's backward pass). */
    public void zeroGrad() { grad = null; }

    /** Back-propagates from this scalar through the recorded graph. */
    public void backward() { Graph.backward(this); }

    /** The same values with no history: gradients stop here. Shares memory. */
    public Tensor detach() { return new Tensor(storage, shape); }

    // ---------------------------------------------------------------- ops (each lives in org.jgrad.ops)

    public Tensor add(Tensor other) { return Add.apply(this, other); }
    public Tensor sub(Tensor other) { return Sub.apply(this, other); }
    public Tensor mul(Tensor other) { return Mul.apply(this, other); }
    public Tensor div(Tensor other) { return Div.apply(this, other); }
    public Tensor add(float c) { return Unary.apply(org.jgrad.backend.UnaryOp.ADD_SCALAR, this, c); }
    public Tensor sub(float c) { return add(-c); }
    public Tensor mul(float c) { return Unary.apply(org.jgrad.backend.UnaryOp.SCALE, this, c); }
    public Tensor div(float c) { return mul(1f / c); }
    public Tensor neg() { return Unary.apply(org.jgrad.backend.UnaryOp.NEG, this, 0f); }
    public Tensor exp() { return Unary.apply(org.jgrad.backend.UnaryOp.EXP, this, 0f); }
    public Tensor log() { return Unary.apply(org.jgrad.backend.UnaryOp.LOG, this, 0f); }
    public Tensor sqrt() { return Unary.apply(org.jgrad.backend.UnaryOp.SQRT, this, 0f); }
    public Tensor pow(float exponent) { return Unary.apply(org.jgrad.backend.UnaryOp.POW, this, exponent); }
    public Tensor abs() { return Unary.apply(org.jgrad.backend.UnaryOp.ABS, this, 0f); }
    public Tensor relu() { return Unary.apply(org.jgrad.backend.UnaryOp.RELU, this, 0f); }
    public Tensor leakyRelu(float slope) { return Unary.apply(org.jgrad.backend.UnaryOp.LEAKY_RELU, this, slope); }
    public Tensor sigmoid() { return Unary.apply(org.jgrad.backend.UnaryOp.SIGMOID, this, 0f); }
    public Tensor tanh() { return Unary.apply(org.jgrad.backend.UnaryOp.TANH, this, 0f); }

    public Tensor sum() { return Sum.all(this); }
    public Tensor sum(int axis, boolean keepDim) { return Sum.axis(this, axis, keepDim); }
    public Tensor mean() { return sum().mul(1f / size()); }
    public Tensor mean(int axis, boolean keepDim) { return sum(axis, keepDim).mul(1f / dim(axis)); }
    /** Sums broadcast dimensions away so the result has {@code target} shape (the backward of broadcasting). */
    public Tensor sumTo(int... target) { return Sum.toShape(this, target); }

    public Tensor matmul(Tensor other) { return MatMul.apply(this, other); }
    /** Swaps the last two dimensions. */
    public Tensor transpose() { return Permute.transposeLastTwo(this); }
    public Tensor permute(int... perm) { return Permute.apply(this, perm); }
    public Tensor reshape(int... newShape) { return Reshape.apply(this, newShape); }
    /** Keeps dimension 0 and folds the rest into one: [N, C, H, W] → [N, C·H·W]. */
    public Tensor flatten() {
        if (shape.length == 0) throw new IllegalArgumentException("flatten: needs at least one dimension, got a scalar");
        return reshape(shape[0], size() / Math.max(1, shape[0]));
    }
    /** Rows [from, to) along dimension 0 (a copy), e.g. one mini-batch. */
    public Tensor rows(int from, int to) { return Slice.rows(this, from, to); }

    public Tensor softmax() { return Softmax.apply(this, false); }
    public Tensor logSoftmax() { return Softmax.apply(this, true); }
}
