/**
 * The execution backends behind one narrow interface, {@link org.jgrad.backend.Backend}: memory
 * plus one method per kernel family, outputs first, then inputs, then sizes. {@code cpu} holds the
 * readable reference loops and the fast vectorised path, {@code cuda} the GPU backend;
 * {@link org.jgrad.backend.Devices} chooses among them.
 */
package org.jgrad.backend;
