/**
 * JMH benchmarks of the engine: SGEMM, the LesionNet-S convolutions, whole training steps, GPU
 * against CPU, {@code KernelTimes}, the per-kernel profile of a training step, and
 * {@code HostOverhead}, the engine's own cost per step on a backend whose kernels do nothing. Build with
 * {@code mvn -pl benchmarks -am package}; run {@code java -jar benchmarks/target/benchmarks.jar}.
 */
package org.jgrad.benchmarks;
