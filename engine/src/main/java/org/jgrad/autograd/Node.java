package org.jgrad.autograd;

import java.util.List;
import org.jgrad.tensor.Tensor;

/**
 * One recorded op in the graph: its name (for error messages and debugging), the tensors it
 * read, and its backward rule. The tensor an op produced points to its Node; the Node points
 * back to the inputs, so the whole graph hangs off the loss.
 */
public final class Node {
    private final String opName;
    private final List<Tensor> inputs;
    private final BackwardRule rule;
    /** Set once backward has run this rule without retainGraph, or Graph.release freed the step: no second backward. */
    private String spentBy;

    Node(String opName, List<Tensor> inputs, BackwardRule rule) {
        this.opName = opName;
        this.inputs = inputs;
        this.rule = rule;
    }

    /**
     * The op's name, as given to {@link Graph#record}.
     *
     * @return the name
     */
    public String opName() {
        return opName;
    }
    /**
     * The tensors the op read.
     *
     * @return an unmodifiable list, in the op's argument order
     */
    public List<Tensor> inputs() {
        return inputs;
    }

    void backward(Tensor dOut) {
        rule.backward(dOut);
    }

    /** Why backward may not run this node again ("backward()", "Graph.release"), or null while it may. */
    String spentBy() {
        return spentBy;
    }

    void markSpent(String by) {
        spentBy = by;
    }
}
