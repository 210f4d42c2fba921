/**
 * The differentiable operations: one op per file, its forward and its backward rule side by side,
 * with the formulas of both in the header comment. Ops call only {@link org.jgrad.backend.Backend}
 * kernels and record themselves with {@link org.jgrad.autograd.Graph#record}. An op that a layer
 * in {@code org.jgrad.nn} wraps carries the suffix {@code Op} ({@code Conv2dOp} under the layer
 * {@code Conv2d}, {@code DenseOp} under {@code Dense}), so one name means one thing.
 */
package org.jgrad.ops;
