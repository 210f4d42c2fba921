/**
 * The differentiable operations: one op per file, its forward and its backward rule side by side,
 * with the formulas of both in the header comment. Ops call only {@link org.jgrad.backend.Backend}
 * kernels and record themselves with {@link org.jgrad.autograd.Graph#record}.
 */
package org.jgrad.ops;
