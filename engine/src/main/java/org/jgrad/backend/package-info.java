/**
 * The execution backends behind one narrow interface, {@link org.jgrad.backend.Backend}: memory
 * plus one method per kernel family, outputs first, then inputs, then sizes. {@code cpu} holds the
 * readable reference loops and the fast vectorised path; a backend in another module (the CUDA
 * backend of {@code jgrad-cuda}) plugs in as a {@link org.jgrad.backend.BackendProvider}.
 * {@code org.jgrad.device.Devices} chooses among them.
 */
package org.jgrad.backend;
