package org.jgrad.tensor;

import java.util.Arrays;
import java.util.Random;
import org.jgrad.autograd.Graph;
import org.jgrad.autograd.Node;
import org.jgrad.backend.Backend;
import org.jgrad.backend.Storage;
import org.jgrad.device.Backends;
import org.jgrad.ops.*;

/**
 * An n-dimensional array of float32 in row-major order (NCHW for images), living in the memory
 * of one {@link Backend}. When {@code requiresGrad} is set, ops that read it record themselves
 * (see {@link Graph}) and {@link #backward()} fills {@link #grad()}.
 *
 * <p>This class only creates tensors and forwards to the op classes in {@code org.jgrad.ops};
 * the maths of each op, forward and backward, lives in that op's own file.
 *
 * <p>Rules shared by the ops below: the result lives on the same backend as the operands (two
 * operands must share one backend, else {@link IllegalArgumentException}); it is a new tensor
 * unless stated (reshape, detach and view share memory); it is differentiable, that is, recorded
 * for {@link #backward()} when grad mode is on (see {@link org.jgrad.autograd.GradMode}) and some
 * operand requires grad. Binary elementwise ops broadcast with NumPy's rules: shapes are aligned
 * at their last dimension and a dimension of 1 (or a missing one) repeats to match the other.
 * A shape that does not fit an op is an {@link IllegalArgumentException} naming the op and the shapes.
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

    /**
     * Wraps an existing buffer (no copy).
     *
     * @param storage the backend buffer; must hold at least size(shape) floats
     * @param shape the dimensions (the array is copied)
     * @throws IllegalArgumentException if the storage is too small for the shape
     */
    public Tensor(Storage storage, int... shape) {
        this.shape = shape.clone();
        this.storage = storage;
        if (storage.size() < Shape.size(shape)) {
            throw new IllegalArgumentException(
                    "storage of " + storage.size() + " floats is too small for shape " + Arrays.toString(shape));
        }
    }

    // ---------------------------------------------------------------- creation

    /**
     * A tensor of the given shape holding a copy of {@code data}, on the default backend
     * ({@link Backends#getDefault()}).
     *
     * @param data the values in row-major order
     * @param shape the dimensions; their product must equal {@code data.length}
     * @return the new tensor (no grad)
     * @throws IllegalArgumentException if the values do not fill the shape exactly
     */
    public static Tensor of(float[] data, int... shape) {
        return of(Backends.getDefault(), data, shape);
    }

    /**
     * As {@link #of(float[], int...)}, on the given backend.
     *
     * @param backend where the values are uploaded
     * @param data the values in row-major order
     * @param shape the dimensions; their product must equal {@code data.length}
     * @return the new tensor (no grad)
     * @throws IllegalArgumentException if the values do not fill the shape exactly
     */
    public static Tensor of(Backend backend, float[] data, int... shape) {
        if (data.length != Shape.size(shape)) {
            throw new IllegalArgumentException(
                    "Tensor.of: " + data.length + " values do not fill shape " + Arrays.toString(shape));
        }
        return new Tensor(backend.upload(data), shape);
    }

    /**
     * A 1-element tensor of shape [] (a scalar) on the default backend.
     *
     * @param value its value
     * @return the new tensor (no grad)
     */
    public static Tensor scalar(float value) {
        return of(new float[] {value});
    }

    /**
     * A scalar, shape [], as {@code torch.tensor(2.0)}: the same as {@link #scalar(float)}.
     *
     * @param value the value
     * @return the new scalar tensor (no grad)
     */
    public static Tensor of(float value) {
        return scalar(value);
    }

    /**
     * A scalar, shape [], from a double rounded to float.
     *
     * @param value the value
     * @return the new scalar tensor (no grad)
     * @throws IllegalArgumentException if a finite value is beyond float's range (naming it)
     */
    public static Tensor of(double value) {
        return scalar(toFloat(value, "the scalar"));
    }

    /**
     * A tensor of zeros on the default backend.
     *
     * @param shape the dimensions
     * @return the new tensor (no grad)
     */
    public static Tensor zeros(int... shape) {
        return zeros(Backends.getDefault(), shape);
    }

    /**
     * A tensor of zeros on the given backend.
     *
     * @param backend where the memory is allocated
     * @param shape the dimensions
     * @return the new tensor (no grad)
     */
    public static Tensor zeros(Backend backend, int... shape) {
        return new Tensor(backend.allocate(Shape.size(shape)), shape);
    }

    /**
     * A tensor whose values are undefined (possibly a released buffer's old values): only for an
     * op's output that the next kernel overwrites in full. Ops use it to skip zeroing memory.
     *
     * @param backend where the memory is allocated
     * @param shape the dimensions
     * @return the new tensor (no grad)
     */
    public static Tensor empty(Backend backend, int... shape) {
        return new Tensor(backend.allocateUninitialized(Shape.size(shape)), shape);
    }

    /**
     * A tensor of ones on the default backend.
     *
     * @param shape the dimensions
     * @return the new tensor (no grad)
     */
    public static Tensor ones(int... shape) {
        return full(Backends.getDefault(), 1f, shape);
    }

    /**
     * A tensor of ones on the given backend.
     *
     * @param backend where the memory is allocated
     * @param shape the dimensions
     * @return the new tensor (no grad)
     */
    public static Tensor ones(Backend backend, int... shape) {
        return full(backend, 1f, shape);
    }

    /**
     * A tensor with every element equal to {@code value}.
     *
     * @param backend where the memory is allocated
     * @param value the value of every element
     * @param shape the dimensions
     * @return the new tensor (no grad)
     */
    public static Tensor full(Backend backend, float value, int... shape) {
        Tensor t = zeros(backend, shape);
        backend.fill(t.storage, value, t.size());
        return t;
    }

    /**
     * Normal(mean 0, std) values from a seeded {@link Random}, on the default backend: same seed,
     * same tensor.
     *
     * @param seed the generator's seed
     * @param std the standard deviation
     * @param shape the dimensions
     * @return the new tensor (no grad)
     */
    public static Tensor randn(long seed, float std, int... shape) {
        Random random = new Random(seed);
        float[] data = new float[Shape.size(shape)];
        for (int i = 0; i < data.length; i++) data[i] = (float) random.nextGaussian() * std;
        return of(data, shape);
    }

    /**
     * Uniform values in [low, high) from a seeded {@link Random}, on the default backend.
     *
     * @param seed the generator's seed
     * @param low the smallest possible value
     * @param high the bound, excluded
     * @param shape the dimensions
     * @return the new tensor (no grad)
     */
    public static Tensor uniform(long seed, float low, float high, int... shape) {
        Random random = new Random(seed);
        float[] data = new float[Shape.size(shape)];
        for (int i = 0; i < data.length; i++) data[i] = low + (high - low) * random.nextFloat();
        return of(data, shape);
    }

    /**
     * A copy of this tensor's values in another backend's memory (no graph, no grad); this tensor
     * itself when it already lives there.
     *
     * @param target the backend to copy to
     * @return a tensor on {@code target}
     */
    public Tensor to(Backend target) {
        if (target == backend()) return this;
        return of(target, toArray(), shape);
    }

    // ---------------------------------------------------------------- inspection

    /**
     * The dimensions.
     *
     * @return a copy of the shape, outermost dimension first ([] for a scalar)
     */
    public int[] shape() {
        return shape.clone();
    }
    /**
     * The number of dimensions.
     *
     * @return the rank (0 for a scalar)
     */
    public int rank() {
        return shape.length;
    }
    /**
     * The size of one dimension.
     *
     * @param axis the dimension, counted from the end when negative (-1 is the last)
     * @return its size
     * @throws ArrayIndexOutOfBoundsException if the axis is out of range
     */
    public int dim(int axis) {
        return shape[axis < 0 ? shape.length + axis : axis];
    }
    /**
     * The number of elements.
     *
     * @return the product of the dimensions (1 for a scalar)
     */
    public int size() {
        return Shape.size(shape);
    }
    /** The backend buffer; outside this package, {@link TensorInternals#storage}. */
    Storage storage() {
        return storage;
    }
    /**
     * The backend whose memory holds the values; ops on this tensor run there.
     *
     * @return the backend
     */
    public Backend backend() {
        return storage.backend();
    }
    /**
     * The name given with {@link #named}, shown in graph drawings and in errors about this tensor.
     *
     * @return the name, or null when none was given
     */
    public String name() {
        return name;
    }
    /**
     * Names this tensor for graph drawings and error messages.
     *
     * @param newName the name
     * @return this tensor
     */
    public Tensor named(String newName) {
        this.name = newName;
        return this;
    }

    /**
     * The values, copied to the host.
     *
     * @return a new array of {@link #size()} values in row-major order
     */
    public float[] toArray() {
        float[] out = new float[size()];
        backend().download(storage, 0, out, out.length);
        return out;
    }

    /**
     * Overwrites this tensor's values in place with {@code source[offset .. offset + size())}, keeping
     * its storage (so optimizers and modules holding it see the new values), e.g. with values that
     * arrived from another process.
     *
     * @param source the values, read from {@code offset}
     * @param offset where this tensor's first value sits in {@code source}
     * @throws IllegalArgumentException if {@code size()} values from {@code offset} do not fit in {@code source}
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

    /**
     * The single value of a one-element tensor, copied to the host.
     *
     * @return the value
     * @throws IllegalStateException if the tensor has more or fewer than one element
     */
    public float item() {
        if (size() != 1)
            throw new IllegalStateException("item() needs one element, shape is " + Arrays.toString(shape));
        return toArray()[0];
    }

    @Override
    public String toString() {
        float[] v = toArray();
        String values = v.length <= 16 ? Arrays.toString(v) : Arrays.toString(Arrays.copyOf(v, 16)) + "…";
        return "Tensor" + Arrays.toString(shape) + (requiresGrad ? "(grad)" : "") + " " + values;
    }

    // ---------------------------------------------------------------- autograd

    /**
     * Whether backward computes a gradient for this tensor: set on parameters by
     * {@link #requiresGrad(boolean)}, and on every tensor an op recorded from one that requires it.
     *
     * @return true if gradients flow to this tensor
     */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /**
     * Marks this tensor (usually a leaf such as a parameter) as needing a gradient, or not.
     *
     * @param value true to have backward fill {@link #grad()}
     * @return this tensor
     */
    public Tensor requiresGrad(boolean value) {
        this.requiresGrad = value;
        return this;
    }

    /**
     * The accumulated gradient, or null before any backward pass reached this tensor. Only leaves
     * (tensors no op made, such as parameters) and tensors marked with {@link #retainGrad()} keep
     * it after backward: an intermediate tensor's gradient is released as soon as its op has
     * passed it on, so its memory is reused within the same pass (as in PyTorch).
     *
     * @return the gradient, same shape and backend as this tensor, or null
     */
    public Tensor grad() {
        return grad;
    }

    /**
     * Keeps this intermediate tensor's gradient after backward, for inspection.
     *
     * @return this tensor
     */
    public Tensor retainGrad() {
        retainGrad = true;
        return this;
    }

    /**
     * Whether backward keeps this tensor's gradient.
     *
     * @return true for a leaf, or a tensor marked with {@link #retainGrad()}
     */
    public boolean retainsGrad() {
        return creator == null || retainGrad;
    }

    /**
     * Called by {@link Graph#backward} once this tensor's op has consumed the gradient: forgets it
     * and lets the backend reuse its memory now. Safe because a tensor's grad is always its own
     * buffer (accumulateGrad copies, accumulateFreshGrad adopts only buffers made for it alone).
     * Reached through {@link TensorInternals#releaseGrad}.
     */
    void releaseGrad() {
        if (retainsGrad()) {
            throw new IllegalStateException(
                    "releaseGrad(): this tensor keeps its gradient (a leaf such as a parameter, "
                            + "or marked retainGrad()); only an intermediate gradient is released");
        }
        if (grad == null) return;
        Tensor g = grad;
        grad = null;
        g.backend().release(g.storage);
    }

    /**
     * The recorded op that produced this tensor.
     *
     * @return its graph node, or null for a leaf (or a result computed without recording)
     */
    public Node creator() {
        return creator;
    }

    /** Called by {@link Graph#record} through {@link TensorInternals}: this tensor was produced by the node's op. */
    void setCreator(Node node) {
        this.creator = node;
        this.requiresGrad = true;
    }

    /** Adds g (already in this tensor's shape) into grad; the first time, grad becomes a copy. Via {@link TensorInternals}. */
    void accumulateGrad(Tensor g) {
        if (!requiresGrad) return;
        if (!Arrays.equals(g.shape, shape)) {
            throw new IllegalStateException("gradient shape " + Arrays.toString(g.shape)
                    + " does not match tensor shape " + Arrays.toString(shape)
                    + (creator != null ? " (output of " + creator.opName() + ")" : ""));
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
     * other tensor, because the grad is released (its memory reused) after backward. Via {@link TensorInternals}.
     */
    void accumulateFreshGrad(Tensor g) {
        if (grad == null && requiresGrad && Arrays.equals(g.shape, shape) && g.creator == null) {
            grad = g;
        } else {
            accumulateGrad(g);
        }
    }

    /** Forgets the gradient (optimizers call this before each step's backward pass). */
    public void zeroGrad() {
        grad = null;
    }

    /**
     * Back-propagates from this scalar through the recorded graph, once: a second backward through
     * the same graph is refused (see {@link #backward(boolean)}). Leaf gradients accumulate (+=).
     *
     * @throws IllegalArgumentException if this tensor has more than one element
     * @throws IllegalStateException if it does not require grad, or the graph was already backpropagated or released
     */
    public void backward() {
        Graph.backward(this);
    }

    /**
     * The same values with no history: gradients stop here.
     *
     * @return a tensor sharing this one's memory, with no grad and no creator
     */
    public Tensor detach() {
        return new Tensor(storage, shape);
    }

    // ---------------------------------------------------------------- ops (each lives in org.jgrad.ops)

    /**
     * Elementwise sum, broadcasting; see {@link Add}.
     *
     * @param other the other operand, on the same backend
     * @return this + other, in the broadcast shape
     */
    public Tensor add(Tensor other) {
        return Add.apply(this, other);
    }
    /**
     * Elementwise difference, broadcasting; see {@link Sub}.
     *
     * @param other the other operand, on the same backend
     * @return this - other, in the broadcast shape
     */
    public Tensor sub(Tensor other) {
        return Sub.apply(this, other);
    }
    /**
     * Elementwise product, broadcasting; see {@link Mul}.
     *
     * @param other the other operand, on the same backend
     * @return this · other, in the broadcast shape
     */
    public Tensor mul(Tensor other) {
        return Mul.apply(this, other);
    }
    /**
     * Elementwise quotient, broadcasting; see {@link Div}.
     *
     * @param other the other operand, on the same backend
     * @return this / other, in the broadcast shape
     */
    public Tensor div(Tensor other) {
        return Div.apply(this, other);
    }
    /**
     * Adds a constant to every element; see {@link Unary}.
     *
     * @param c the constant
     * @return this + c, same shape
     */
    public Tensor add(float c) {
        return Unary.apply(org.jgrad.backend.UnaryOp.ADD_SCALAR, this, c);
    }
    /**
     * Subtracts a constant from every element.
     *
     * @param c the constant
     * @return this - c, same shape
     */
    public Tensor sub(float c) {
        return add(-c);
    }
    /**
     * Multiplies every element by a constant.
     *
     * @param c the constant
     * @return this · c, same shape
     */
    public Tensor mul(float c) {
        return Unary.apply(org.jgrad.backend.UnaryOp.SCALE, this, c);
    }
    /**
     * Divides every element by a constant (as a multiplication by 1/c).
     *
     * @param c the constant
     * @return this / c, same shape
     */
    public Tensor div(float c) {
        return mul(1f / c);
    }
    /**
     * Negation, elementwise.
     *
     * @return -this, same shape
     */
    public Tensor neg() {
        return Unary.apply(org.jgrad.backend.UnaryOp.NEG, this, 0f);
    }
    /**
     * e to the power of each element.
     *
     * @return exp(this), same shape
     */
    public Tensor exp() {
        return Unary.apply(org.jgrad.backend.UnaryOp.EXP, this, 0f);
    }
    /**
     * Natural logarithm, elementwise (NaN below 0, -infinity at 0, as in Java's Math.log).
     *
     * @return ln(this), same shape
     */
    public Tensor log() {
        return Unary.apply(org.jgrad.backend.UnaryOp.LOG, this, 0f);
    }
    /**
     * Square root, elementwise.
     *
     * @return √this, same shape
     */
    public Tensor sqrt() {
        return Unary.apply(org.jgrad.backend.UnaryOp.SQRT, this, 0f);
    }
    /**
     * Each element raised to a constant power.
     *
     * @param exponent the power
     * @return this^exponent, same shape
     */
    public Tensor pow(float exponent) {
        return Unary.apply(org.jgrad.backend.UnaryOp.POW, this, exponent);
    }
    /**
     * Absolute value, elementwise.
     *
     * @return |this|, same shape
     */
    public Tensor abs() {
        return Unary.apply(org.jgrad.backend.UnaryOp.ABS, this, 0f);
    }
    /**
     * Rectified linear unit, elementwise: max(x, 0).
     *
     * @return relu(this), same shape
     */
    public Tensor relu() {
        return Unary.apply(org.jgrad.backend.UnaryOp.RELU, this, 0f);
    }
    /**
     * Leaky ReLU, elementwise: x where x &gt; 0, else slope · x.
     *
     * @param slope the gradient for negative inputs
     * @return leakyRelu(this), same shape
     */
    public Tensor leakyRelu(float slope) {
        return Unary.apply(org.jgrad.backend.UnaryOp.LEAKY_RELU, this, slope);
    }
    /**
     * Logistic sigmoid, elementwise: 1 / (1 + e^-x).
     *
     * @return sigmoid(this), same shape, in (0, 1)
     */
    public Tensor sigmoid() {
        return Unary.apply(org.jgrad.backend.UnaryOp.SIGMOID, this, 0f);
    }
    /**
     * Hyperbolic tangent, elementwise.
     *
     * @return tanh(this), same shape, in (-1, 1)
     */
    public Tensor tanh() {
        return Unary.apply(org.jgrad.backend.UnaryOp.TANH, this, 0f);
    }

    /**
     * The sum of all elements; see {@link Sum}.
     *
     * @return a scalar (shape [])
     */
    public Tensor sum() {
        return Sum.all(this);
    }
    /**
     * The sum along one dimension.
     *
     * @param axis the dimension to sum over, counted from the end when negative
     * @param keepDim true to keep that dimension with size 1, false to drop it
     * @return the sums
     * @throws IllegalArgumentException if the axis is out of range
     */
    public Tensor sum(int axis, boolean keepDim) {
        return Sum.axis(this, axis, keepDim);
    }
    /**
     * The mean of all elements (the sum scaled by 1/size).
     *
     * @return a scalar (shape [])
     */
    public Tensor mean() {
        return sum().mul(1f / size());
    }
    /**
     * The mean along one dimension.
     *
     * @param axis the dimension to average over, counted from the end when negative
     * @param keepDim true to keep that dimension with size 1, false to drop it
     * @return the means
     * @throws IllegalArgumentException if the axis is out of range
     */
    public Tensor mean(int axis, boolean keepDim) {
        return sum(axis, keepDim).mul(1f / dim(axis));
    }
    /**
     * Sums broadcast dimensions away so the result has {@code target} shape (the backward of
     * broadcasting).
     *
     * @param target a shape that broadcasts to this tensor's shape
     * @return the sums in {@code target} shape; this tensor itself when the shapes agree
     * @throws IllegalArgumentException if this shape does not broadcast from {@code target}
     */
    public Tensor sumTo(int... target) {
        return Sum.toShape(this, target);
    }

    /**
     * Matrix product: [m,k]·[k,n] → [m,n], [b,m,k]·[b,k,n] → [b,m,n], or [b,m,k]·[k,n] → [b,m,n];
     * see {@link MatMul}.
     *
     * @param other the right operand, on the same backend
     * @return the product
     * @throws IllegalArgumentException if the shapes do not multiply
     */
    public Tensor matmul(Tensor other) {
        return MatMul.apply(this, other);
    }
    /**
     * Swaps the last two dimensions (a copy): [.., m, n] → [.., n, m].
     *
     * @return the transposed tensor
     * @throws IllegalArgumentException if the rank is below 2
     */
    public Tensor transpose() {
        return Permute.transposeLastTwo(this);
    }
    /**
     * Reorders the dimensions (a copy): result.shape[i] = shape[perm[i]]; see {@link Permute}.
     *
     * @param perm a permutation of 0..rank-1
     * @return the permuted tensor
     * @throws IllegalArgumentException if {@code perm} is not a permutation of the dimensions
     */
    public Tensor permute(int... perm) {
        return Permute.apply(this, perm);
    }
    /**
     * The same values in a new shape, sharing memory (a view); see {@link Reshape}.
     *
     * @param newShape the new dimensions; one may be -1, inferred from the others
     * @return the view
     * @throws IllegalArgumentException if the element counts differ or -1 appears twice
     */
    public Tensor reshape(int... newShape) {
        return Reshape.apply(this, newShape);
    }
    /**
     * Keeps dimension 0 and folds the rest into one (a view): [N, C, H, W] → [N, C·H·W].
     *
     * @return the view, of rank 2
     * @throws IllegalArgumentException if this tensor is a scalar
     */
    public Tensor flatten() {
        if (shape.length == 0)
            throw new IllegalArgumentException("flatten: needs at least one dimension, got a scalar");
        return reshape(shape[0], size() / Math.max(1, shape[0]));
    }
    /**
     * Rows [from, to) along dimension 0 (a copy), e.g. one mini-batch; see {@link Slice}.
     *
     * @param from the first row
     * @param to the row after the last; {@code from < to <= dim(0)}
     * @return a tensor of shape [to - from, ...]
     * @throws IllegalArgumentException if the range is empty or out of bounds
     */
    public Tensor rows(int from, int to) {
        return Slice.rows(this, from, to);
    }

    /**
     * Softmax over the last dimension; see {@link Softmax}.
     *
     * @return the probabilities, same shape, each last-dimension row summing to 1
     * @throws IllegalArgumentException if this tensor is a scalar
     */
    public Tensor softmax() {
        return Softmax.apply(this, false);
    }
    /**
     * Log-softmax over the last dimension (stabler than log(softmax())).
     *
     * @return x - ln Σ e^x along the last dimension, same shape
     * @throws IllegalArgumentException if this tensor is a scalar
     */
    public Tensor logSoftmax() {
        return Softmax.apply(this, true);
    }

    // ---------------------------------------------------------------- from and to Java arrays, rows by index
    // Conveniences for data that lives in plain arrays (a table read from CSV, class labels).
    // Doubles are rounded to the nearest float; a finite double beyond float's range (±3.4e38)
    // is refused, naming its position, rather than turned silently into infinity. NaN and
    // infinities pass through unchanged, as they do in of(float[]).

    /**
     * A [rows, columns] tensor on the default backend from a rectangular array (every row as long
     * as the first).
     *
     * @param rows the values, one array per row
     * @return the new tensor (no grad)
     * @throws IllegalArgumentException if {@code rows} is null or empty, or a row is null or of another length (the error names the row)
     */
    public static Tensor of(float[][] rows) {
        int columns = checkRectangular(rows);
        float[] data = new float[rows.length * columns];
        for (int r = 0; r < rows.length; r++) System.arraycopy(rows[r], 0, data, r * columns, columns);
        return of(data, rows.length, columns);
    }

    /**
     * A 1-D tensor of the values on the default backend, converted to float.
     *
     * @param values the values
     * @return a tensor of shape [values.length] (no grad)
     * @throws IllegalArgumentException if {@code values} is null or a finite value is beyond float range
     */
    public static Tensor of(double[] values) {
        if (values == null) throw new IllegalArgumentException("Tensor.of: values is null");
        return of(values, values.length);
    }

    /**
     * A tensor of the given shape on the default backend from doubles, converted to float.
     *
     * @param values the values in row-major order
     * @param shape the dimensions; their product must equal {@code values.length}
     * @return the new tensor (no grad)
     * @throws IllegalArgumentException if {@code values} is null, a finite value is beyond float range (the error names its index), or the values do not fill the shape
     */
    public static Tensor of(double[] values, int... shape) {
        if (values == null) throw new IllegalArgumentException("Tensor.of: values is null");
        float[] data = new float[values.length];
        for (int i = 0; i < values.length; i++) data[i] = toFloat(values[i], "[" + i + "]");
        return of(data, shape);
    }

    /**
     * A [rows, columns] tensor on the default backend from a rectangular array of doubles,
     * converted to float.
     *
     * @param rows the values, one array per row
     * @return the new tensor (no grad)
     * @throws IllegalArgumentException if {@code rows} is null or empty, a row is null or of another length, or a finite value is beyond float range (each error names its position)
     */
    public static Tensor of(double[][] rows) {
        int columns = checkRectangular(rows);
        float[] data = new float[rows.length * columns];
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < columns; c++) data[r * columns + c] = toFloat(rows[r][c], "[" + r + "][" + c + "]");
        }
        return of(data, rows.length, columns);
    }

    /**
     * Class labels as a 1-D float tensor of shape [N] on the default backend: the targets of
     * {@code Losses.crossEntropyWithLogits} (class indices), or, reshaped to [N, 1], the 0/1 targets
     * of the binary losses.
     *
     * @param labels the labels, each 0 or more
     * @return a tensor of shape [labels.length] (no grad)
     * @throws IllegalArgumentException if {@code labels} is null or a label is negative (the error names its index)
     */
    public static Tensor ofLabels(int[] labels) {
        if (labels == null) throw new IllegalArgumentException("Tensor.ofLabels: labels is null");
        float[] data = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0)
                throw new IllegalArgumentException(
                        "Tensor.ofLabels: labels[" + i + "] = " + labels[i] + " is negative");
            data[i] = labels[i];
        }
        return of(data, labels.length);
    }

    /**
     * The values of a [rows, columns] tensor as one Java array per row, copied to the host.
     *
     * @return a new array of dim(0) rows of dim(1) values
     * @throws IllegalStateException if the tensor is not 2-D
     */
    public float[][] toArray2d() {
        if (shape.length != 2)
            throw new IllegalStateException("toArray2d() needs a 2-D tensor, shape is " + Arrays.toString(shape));
        float[] flat = toArray();
        float[][] rows = new float[shape[0]][];
        for (int r = 0; r < shape[0]; r++) rows[r] = Arrays.copyOfRange(flat, r * shape[1], (r + 1) * shape[1]);
        return rows;
    }

    /**
     * The rows with these indices along dimension 0, in that order, repeats allowed (a copy, like
     * PyTorch's index_select(0, rows)): [N, ...] → [rows.length, ...]. Differentiable; see {@link IndexRows}.
     *
     * @param rows the indices, each in [0, N); the array is copied
     * @return the picked rows
     * @throws IllegalArgumentException if this tensor is a scalar, {@code rows} is null, or an index is out of range (the error names it)
     */
    public Tensor index(int[] rows) {
        return IndexRows.apply(this, rows);
    }

    /**
     * Back-propagates from this scalar; with {@code retainGraph} true the graph may be backpropagated
     * again (plain {@link #backward()} refuses a second pass through the same graph).
     *
     * @param retainGraph true to allow another backward through this graph
     * @throws IllegalArgumentException if this tensor has more than one element
     * @throws IllegalStateException if it does not require grad, or the graph was already backpropagated or released
     */
    public void backward(boolean retainGraph) {
        Graph.backward(this, retainGraph);
    }

    private static int lengthOf(Object row) {
        if (row == null) return -1;
        return row instanceof float[] f ? f.length : ((double[]) row).length;
    }

    /** The common row length of a float[][] or double[][], or an error naming the first row that is null or differs from row 0. */
    private static int checkRectangular(Object[] rows) {
        if (rows == null) throw new IllegalArgumentException("Tensor.of: rows is null");
        if (rows.length == 0) throw new IllegalArgumentException("Tensor.of: no rows (the column count is unknown)");
        int columns = lengthOf(rows[0]);
        for (int r = 0; r < rows.length; r++) {
            int length = lengthOf(rows[r]);
            if (length < 0) throw new IllegalArgumentException("Tensor.of: row " + r + " is null");
            if (length != columns) {
                throw new IllegalArgumentException(
                        "Tensor.of: row " + r + " has " + length + " values, row 0 has " + columns);
            }
        }
        return columns;
    }

    private static float toFloat(double value, String where) {
        float f = (float) value;
        if (Float.isInfinite(f) && !Double.isInfinite(value)) {
            throw new IllegalArgumentException(
                    "Tensor.of: value " + value + " at " + where + " is beyond float range (±3.4e38)");
        }
        return f;
    }
}
