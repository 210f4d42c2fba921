package org.jgrad.loss;

/**
 * How a loss turns its per-example (or per-element) values into what it returns, as PyTorch's
 * {@code reduction} argument: their mean (the default of every loss), their sum, or all of them
 * unreduced, in the shape of the per-element losses (for weighting or inspecting examples).
 */
public enum Reduction {
    /** The average: a scalar. */
    MEAN,
    /** The total: a scalar. */
    SUM,
    /** No reduction: one loss per element (binary losses, MSE) or per example (cross-entropy). */
    NONE
}
