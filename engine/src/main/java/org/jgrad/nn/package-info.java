/**
 * Layers: {@link org.jgrad.nn.Module} (named parameters, buffers and children, train/eval mode,
 * state dict with PyTorch-style dotted names) and the layers built on the ops, with seeded
 * initialisation ({@link org.jgrad.nn.Init}).
 */
package org.jgrad.nn;
