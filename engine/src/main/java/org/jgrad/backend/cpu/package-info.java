/**
 * The two CPU backends, which share {@link org.jgrad.backend.cpu.CpuStorage} (a float array), so a
 * tensor can move between them without a copy of meaning:
 * <ul>
 *   <li>{@link org.jgrad.backend.cpu.ReferenceBackend} ("cpu-reference"): plain loops in the
 *       {@code Reference*} classes, written to be read; the fallback and the test oracle.</li>
 *   <li>{@link org.jgrad.backend.cpu.FastCpuBackend} ("cpu"): the same kernels vectorised with
 *       {@code jdk.incubator.vector} (only in {@code VectorKernels}), cache-blocked
 *       ({@code FastGemm}, {@code FastConv} as im2col + GEMM) and threaded ({@code Parallel}), with
 *       per-thread scratch buffers ({@code Scratch}) and every tuning constant in {@code Tuning}.
 *       It implements the backend interface itself, one line per kernel: the ones it speeds up
 *       ({@code HotKernels}) go to {@code FastCpuKernels}, the rest to a reference backend.
 *       Without the vector module it says so once and runs the reference loops.</li>
 * </ul>
 */
package org.jgrad.backend.cpu;
