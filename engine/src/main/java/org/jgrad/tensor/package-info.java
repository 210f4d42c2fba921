/**
 * {@link org.jgrad.tensor.Tensor}: a shape and a buffer owned by a backend, plus the gradient and
 * the op that made it; {@link org.jgrad.tensor.TensorInternals}, its raw storage and gradient
 * bookkeeping for the engine's ops, autograd and backends; and {@link org.jgrad.tensor.Shape}, the
 * helpers for shapes and broadcasting.
 */
package org.jgrad.tensor;
