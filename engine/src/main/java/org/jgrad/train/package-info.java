/**
 * Training as a library: {@link org.jgrad.train.TrainingStep}, the one training step (forward,
 * loss, backward, update, release of the step's graph) that the app's loop, the benchmarks and the
 * GPU check all run, and {@link org.jgrad.train.FixedBatchTraining}, a model trained on one fixed
 * random batch (the benchmarks' workload).
 */
package org.jgrad.train;
