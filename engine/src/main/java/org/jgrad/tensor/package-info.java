/**
 * {@link org.jgrad.tensor.Tensor}: a shape and a buffer owned by a backend, plus the gradient and
 * the op that made it; and {@link org.jgrad.tensor.Shape}, the helpers for shapes and broadcasting.
 */
package org.jgrad.tensor;
