package org.jgrad.autograd;

import static org.jgrad.tensor.TensorInternals.accumulateGrad;
import static org.jgrad.tensor.TensorInternals.releaseGrad;
import static org.jgrad.tensor.TensorInternals.setCreator;
import static org.jgrad.tensor.TensorInternals.storage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgrad.backend.Storage;
import org.jgrad.tensor.Tensor;

/**
 * The autograd core: recording an op, and the reverse walk.
 * backward(loss): order the graph so that every tensor comes after all tensors computed from
 * it (a topological sort), seed d(loss)/d(loss) = 1, and call each op's backward rule in
 * that order; rules add (+=) into their inputs' grads, so a tensor used twice gets both parts.
 * Leaf gradients accumulate across passes until zeroGrad(); an intermediate tensor's gradient is
 * released as soon as its op's rule has used it (unless {@link Tensor#retainGrad()}), so that
 * backward reuses that memory instead of holding every gradient of the pass at once.
 * A graph is backpropagated once: backward marks each node it ran as spent, and a later backward
 * that reaches a spent node refuses, unless the earlier passes asked to retain the graph.
 */
public final class Graph {
    private Graph() {}

    /**
     * Attaches the backward rule to {@code out} when grad mode is on and any input needs a gradient.
     * Returns {@code out}, so ops can end with {@code return Graph.record(...)}.
     *
     * @param opName the op's name, for error messages, drawings and the profiler
     * @param out the op's output; it becomes a non-leaf that requires grad when the op is recorded
     * @param rule what the op does in reverse
     * @param inputs the tensors the op read (null entries are skipped)
     * @return {@code out}
     */
    public static Tensor record(String opName, Tensor out, BackwardRule rule, Tensor... inputs) {
        OpProfiler.forwardDone(opName);
        if (!GradMode.isEnabled()) return out;
        boolean anyNeedsGrad = false;
        for (Tensor t : inputs) anyNeedsGrad |= t != null && t.requiresGrad();
        if (!anyNeedsGrad) return out;
        List<Tensor> kept = new ArrayList<>();
        for (Tensor t : inputs) if (t != null) kept.add(t);
        setCreator(out, new Node(opName, Collections.unmodifiableList(kept), rule));
        return out;
    }

    /**
     * Back-propagates from a scalar {@code root}, once: a second backward through this graph is an error.
     *
     * @param root a one-element tensor that requires grad
     * @throws IllegalArgumentException if root has more than one element
     * @throws IllegalStateException if root does not require grad, or the graph was already backpropagated or released
     */
    public static void backward(Tensor root) {
        backward(root, false);
    }

    /**
     * Back-propagates from a scalar {@code root}. As in PyTorch, a graph may be backpropagated once
     * unless {@code retainGraph} is true: a second pass would silently add the gradients again
     * (a forgotten new forward pass looks like a doubled learning rate), so it is refused with an
     * error. Pass true to every backward but the last through a shared graph (two losses on one forward).
     *
     * @param root a one-element tensor that requires grad
     * @param retainGraph true to allow another backward through this graph
     * @throws IllegalArgumentException if root has more than one element
     * @throws IllegalStateException if root does not require grad, or the graph was already backpropagated or released
     */
    public static void backward(Tensor root, boolean retainGraph) {
        backward(root, retainGraph, null);
    }

    /**
     * Back-propagates from a scalar {@code root} once, telling {@code listener} as soon as each
     * leaf's gradient is final: after the last op that read the leaf has run its backward rule.
     * Each leaf is told once, also a leaf that several ops read; leaves no gradient reached are
     * told at the end.
     *
     * @param root a one-element tensor that requires grad
     * @param listener told of each leaf once its gradient is final
     * @throws IllegalArgumentException if root has more than one element
     * @throws IllegalStateException if root does not require grad, or the graph was already backpropagated or released
     */
    public static void backward(Tensor root, GradientListener listener) {
        backward(root, false, listener);
    }

    private static void backward(Tensor root, boolean retainGraph, GradientListener listener) {
        if (root.size() != 1) {
            throw new IllegalArgumentException("backward() needs a scalar (one element), got shape "
                    + java.util.Arrays.toString(root.shape()) + "; reduce it with sum() or mean() first");
        }
        if (!root.requiresGrad()) {
            throw new IllegalStateException("backward(): the tensor does not require grad (no parameter reached it,"
                    + " or it was computed under noGrad)");
        }
        List<Tensor> order = topologicalOrder(root);
        for (Tensor t : order) if (t.creator() != null && t.creator().spentBy() != null) throw spent(t);
        // Gradients of intermediate tensors belong to one pass: clear them, or a second backward
        // (or a second loss sharing part of this graph) would send the old ones down again.
        // Leaves (no creator) keep accumulating, which is what gradient accumulation relies on.
        for (Tensor t : order) if (t.creator() != null) t.zeroGrad();
        Map<Tensor, Integer> pendingReads = listener == null ? null : leafReads(order);
        OpProfiler.backwardStarts();
        try (var scope = GradMode.noGrad()) {
            accumulateGrad(root, Tensor.ones(root.backend(), root.shape()));
            for (int i = order.size() - 1; i >= 0; i--) {
                Tensor t = order.get(i);
                if (t.creator() != null && t.grad() != null) {
                    t.creator().backward(t.grad());
                    if (!retainGraph) t.creator().markSpent("backward()");
                    if (!t.retainsGrad()) {
                        requireNoInputKept(t);
                        releaseGrad(t);
                    }
                    OpProfiler.backwardRuleDone(t.creator().opName());
                }
                if (listener != null && t.creator() != null)
                    tellFinished(t.creator().inputs(), pendingReads, listener);
            }
            // The root itself when it is a leaf; nothing else is left, since every other leaf is read by some op.
            if (listener != null) for (Tensor leaf : pendingReads.keySet()) listener.gradientReady(leaf);
        } finally {
            OpProfiler.backwardEnds();
        }
    }

    /** How many times the ops of the pass read each leaf (an op reading it twice counts twice). */
    private static Map<Tensor, Integer> leafReads(List<Tensor> order) {
        Map<Tensor, Integer> reads = new IdentityHashMap<>();
        for (Tensor t : order) if (t.creator() == null) reads.put(t, 0);
        for (Tensor t : order) {
            if (t.creator() == null) continue;
            for (Tensor in : t.creator().inputs()) reads.computeIfPresent(in, (leaf, n) -> n + 1);
        }
        return reads;
    }

    /**
     * One op's backward is over (or was skipped, no gradient having reached it): its leaf inputs
     * have one read less to wait for, and a leaf with none left is final.
     */
    private static void tellFinished(
            List<Tensor> inputs, Map<Tensor, Integer> pendingReads, GradientListener listener) {
        for (Tensor in : inputs) {
            Integer left = pendingReads.get(in);
            if (left == null) continue;
            if (left > 1) pendingReads.put(in, left - 1);
            else {
                pendingReads.remove(in);
                listener.gradientReady(in);
            }
        }
    }

    /**
     * The aliasing rule, checked where it matters: t's gradient is about to be released (its memory
     * reused), so no input of t's op may have kept it, or a view of it, as its own gradient. Only a
     * rule that hands dOut to accumulateFreshGrad instead of accumulateGrad breaks this.
     */
    private static void requireNoInputKept(Tensor t) {
        Storage released = storage(t.grad());
        for (Tensor in : t.creator().inputs()) {
            if (in.grad() != null && storage(in.grad()) == released) {
                throw new IllegalStateException(
                        "backward of " + t.creator().opName() + ": an input kept the output's gradient as its"
                                + " own, which is released now; the rule must pass dOut on with accumulateGrad (a copy), not accumulateFreshGrad");
            }
        }
    }

    /**
     * Gives back, at once, the memory of every tensor the graph behind {@code root} computed (root
     * included) and of their gradients: call it when a training step is over and its outputs have
     * been read. The next step's ops then reuse that memory instead of new, zeroed buffers (CPU) or
     * waiting for the garbage collector (GPU). Leaves (parameters, inputs) and any memory they
     * share are kept. Afterwards these tensors, and detached views of them, must not be used (a
     * released buffer refuses it, naming the tensor), and the graph cannot be backpropagated.
     *
     * @param root the output of the step (usually the loss)
     */
    public static void release(Tensor root) {
        List<Tensor> order = topologicalOrder(root);
        Set<Storage> keep = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Tensor t : order) {
            if (t.creator() == null) keep.add(storage(t));
            // Also leaves the walk did not enter (no longer requiring grad): a view of one shares its memory.
            else for (Tensor in : t.creator().inputs()) if (in.creator() == null) keep.add(storage(in));
        }
        Set<Storage> done = Collections.newSetFromMap(new IdentityHashMap<>());
        String rootWords = describe(root);
        for (Tensor t : order) {
            if (t.creator() == null) continue;
            t.creator().markSpent("Graph.release");
            if (t.grad() != null) {
                Tensor g = t.grad();
                t.zeroGrad();
                if (done.add(storage(g))) g.backend().release(storage(g));
            }
            if (!keep.contains(storage(t)) && done.add(storage(t))) {
                // A later use of this memory fails in the backend; these words let its error say which tensor it was.
                storage(t).setReleaseNote(describe(t) + " was released by Graph.release(" + rootWords + ")");
                t.backend().release(storage(t));
            }
        }
    }

    private static IllegalStateException spent(Tensor t) {
        String by = t.creator().spentBy();
        String what = "backward through a graph that "
                + (by.equals("Graph.release") ? "Graph.release already freed" : "was already backpropagated") + " ("
                + describe(t) + ")";
        return new IllegalStateException(what + ": call backward once per forward pass, or pass retainGraph = true"
                + " (backward(true)) to every backward but the last through the same graph");
    }

    /** "Tensor[32, 16] made by linear", for error messages. */
    static String describe(Tensor t) {
        String name = t.name() == null ? "" : " '" + t.name() + "'";
        return "Tensor" + java.util.Arrays.toString(t.shape()) + name
                + (t.creator() == null ? "" : " made by " + t.creator().opName());
    }

    /** Inputs before outputs; iterative depth-first search so deep graphs cannot overflow the stack. */
    static List<Tensor> topologicalOrder(Tensor root) {
        List<Tensor> order = new ArrayList<>();
        Set<Tensor> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object[]> stack = new ArrayDeque<>(); // {tensor, next input index}
        stack.push(new Object[] {root, 0});
        visited.add(root);
        while (!stack.isEmpty()) {
            Object[] frame = stack.peek();
            Tensor t = (Tensor) frame[0];
            int next = (int) frame[1];
            List<Tensor> inputs = t.creator() == null ? List.of() : t.creator().inputs();
            if (next < inputs.size()) {
                frame[1] = next + 1;
                Tensor in = inputs.get(next);
                if (in.requiresGrad() && visited.add(in)) stack.push(new Object[] {in, 0});
            } else {
                stack.pop();
                order.add(t);
            }
        }
        return order;
    }

    /**
     * The graph behind {@code root} in Graphviz's DOT language, each tensor with its op, shape, value
     * and gradient (as micrograd's {@code draw_dot}); {@link GraphDrawing} also draws it as SVG.
     *
     * @param root the tensor whose graph to draw, usually a loss after {@code backward()}
     * @return the DOT text
     */
    public static String toDot(Tensor root) {
        return GraphDrawing.toDot(root);
    }
}
