package org.jgrad.autograd;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jgrad.tensor.Shape;
import org.jgrad.tensor.Tensor;

/**
 * A picture of the computation graph behind a tensor, as micrograd's {@code draw_dot}: one box per
 * tensor (its name, shape, values and gradient, the values only when there are few) and one oval
 * per op, with arrows from the op's inputs to the op and from the op to its output.
 * {@link #toDot} writes Graphviz text; {@link #toSvg} draws the picture itself (see
 * {@link GraphSvg}), so no tool is needed.
 *
 * <p>An intermediate tensor's gradient is released once backward has passed it on; call
 * {@link #keepGradients} before {@code backward()} to see every gradient in the picture.
 * Drawing only reads the graph: it records nothing and changes no gradient.
 */
public final class GraphDrawing {
    /** A box lists a tensor's values only up to this many; larger tensors show their mean. */
    static final int MAX_VALUES_SHOWN = 6;

    private GraphDrawing() {}

    /** A tensor in the picture: its id, the lines of its box, and its column (distance from the leaves). */
    record TensorBox(String id, List<String> lines, int depth) {}

    /** An op in the picture: its id and name, the boxes it read and the box it made. */
    record OpOval(String id, String name, List<TensorBox> inputs, TensorBox output) {}

    /** Every tensor and op behind a root, inputs before the ops that read them. */
    record Picture(List<TensorBox> tensors, List<OpOval> ops) {}

    /**
     * Graphviz DOT text of the graph behind {@code root}, left to right; render with {@code dot -Tsvg}.
     *
     * @param root the tensor whose history is drawn
     * @return the DOT text
     */
    public static String toDot(Tensor root) {
        Picture p = picture(root);
        StringBuilder dot =
                new StringBuilder("digraph jgrad {\n  rankdir=LR;\n  node [fontname=\"monospace\", fontsize=10];\n");
        for (TensorBox t : p.tensors()) {
            dot.append("  ")
                    .append(t.id())
                    .append(" [shape=box, label=\"")
                    .append(dotText(String.join("\n", t.lines())))
                    .append("\"];\n");
        }
        for (OpOval op : p.ops()) {
            dot.append("  ")
                    .append(op.id())
                    .append(" [shape=ellipse, label=\"")
                    .append(dotText(op.name()))
                    .append("\"];\n");
            for (TensorBox in : op.inputs())
                dot.append("  ").append(in.id()).append(" -> ").append(op.id()).append(";\n");
            dot.append("  ")
                    .append(op.id())
                    .append(" -> ")
                    .append(op.output().id())
                    .append(";\n");
        }
        return dot.append("}\n").toString();
    }

    /**
     * An SVG drawing of the graph behind {@code root}, laid out here (no Graphviz needed).
     *
     * @param root the tensor whose history is drawn
     * @return the SVG document
     */
    public static String toSvg(Tensor root) {
        return GraphSvg.draw(picture(root));
    }

    /**
     * Marks every intermediate tensor behind {@code root} to keep its gradient through the next
     * backward pass (see {@link Tensor#retainGrad()}), so the picture can show it. Costs memory:
     * for drawing and teaching, not for training.
     *
     * @param root the tensor whose history is marked
     */
    public static void keepGradients(Tensor root) {
        for (Tensor t : walk(root)) if (t.creator() != null) t.retainGrad();
    }

    /** The boxes and ovals of the graph behind {@code root}. */
    static Picture picture(Tensor root) {
        List<Tensor> order = walk(root);
        Map<Tensor, TensorBox> boxes = new IdentityHashMap<>();
        List<TensorBox> tensors = new ArrayList<>();
        List<OpOval> ops = new ArrayList<>();
        for (Tensor t : order) {
            int depth = 0;
            List<TensorBox> inputs = new ArrayList<>();
            if (t.creator() != null) {
                for (Tensor in : t.creator().inputs()) {
                    TensorBox box = boxes.get(in);
                    inputs.add(box);
                    depth = Math.max(depth, box.depth() + 1);
                }
            }
            String id = "t" + tensors.size();
            TensorBox box = new TensorBox(id, lines(t, id), depth);
            boxes.put(t, box);
            tensors.add(box);
            if (t.creator() != null) {
                ops.add(new OpOval("op" + ops.size(), t.creator().opName(), Collections.unmodifiableList(inputs), box));
            }
        }
        return new Picture(Collections.unmodifiableList(tensors), Collections.unmodifiableList(ops));
    }

    /**
     * All tensors behind root, each after the tensors it was computed from. Unlike the backward
     * walk it also enters inputs that need no gradient (data, targets), which belong in the picture.
     */
    static List<Tensor> walk(Tensor root) {
        List<Tensor> order = new ArrayList<>();
        Map<Tensor, Boolean> seen = new IdentityHashMap<>();
        List<Object[]> stack = new ArrayList<>(); // {tensor, next input index}; no recursion, graphs can be deep
        stack.add(new Object[] {root, 0});
        seen.put(root, true);
        while (!stack.isEmpty()) {
            Object[] frame = stack.get(stack.size() - 1);
            Tensor t = (Tensor) frame[0];
            int next = (int) frame[1];
            List<Tensor> inputs = t.creator() == null ? List.of() : t.creator().inputs();
            if (next < inputs.size()) {
                frame[1] = next + 1;
                Tensor in = inputs.get(next);
                if (seen.put(in, true) == null) stack.add(new Object[] {in, 0});
            } else {
                stack.remove(stack.size() - 1);
                order.add(t);
            }
        }
        return order;
    }

    /** A box's lines: name (or id), shape, data, grad. */
    private static List<String> lines(Tensor t, String id) {
        List<String> lines = new ArrayList<>();
        lines.add(t.name() != null ? t.name() : id);
        lines.add("shape " + Shape.str(t.shape()));
        lines.add("data " + values(t));
        lines.add("grad " + (t.grad() == null ? "-" : values(t.grad())));
        return lines;
    }

    /** "2.5" for one value, "[1, -2, 0.5]" for a few, "mean 0.1234 (64 values)" for more. */
    static String values(Tensor t) {
        float[] v = t.toArray();
        if (v.length == 1) return number(v[0]);
        if (v.length <= MAX_VALUES_SHOWN) {
            List<String> parts = new ArrayList<>();
            for (float x : v) parts.add(number(x));
            return "[" + String.join(", ", parts) + "]";
        }
        double sum = 0;
        for (float x : v) sum += x;
        return "mean " + number((float) (sum / v.length)) + " (" + v.length + " values)";
    }

    /** Whole numbers without a decimal point, others with four significant digits. */
    static String number(float v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e6f) return Long.toString((long) v);
        return String.format(Locale.ROOT, "%.4g", v)
                .replaceFirst("(\\.\\d*?)0+(e|$)", "$1$2")
                .replaceFirst("\\.(e|$)", "$1");
    }

    private static String dotText(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
