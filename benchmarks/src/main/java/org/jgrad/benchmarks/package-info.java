/**
 * JMH benchmarks of the engine: SGEMM, the LesionNet-S convolutions, whole training steps, GPU
 * against CPU, and {@code KernelTimes}, the per-kernel profile of a training step. Build with
 * {@code mvn -pl benchmarks -am package}; run {@code java -jar benchmarks/target/benchmarks.jar}.
 */
package org.jgrad.benchmarks;
