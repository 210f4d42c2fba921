/**
 * Which backend runs: {@link org.jgrad.device.Devices} turns {@code auto}, {@code cpu} or
 * {@code cuda} into a backend (the CPU backends of {@code org.jgrad.backend.cpu}, or a
 * {@link org.jgrad.backend.BackendProvider} found on the class path, such as the {@code jgrad-cuda}
 * module), and {@link org.jgrad.device.Backends} holds the default backend for new tensors.
 * It sits above {@code backend} and {@code backend.cpu}, so that neither needs to know the other's
 * neighbours.
 */
package org.jgrad.device;
