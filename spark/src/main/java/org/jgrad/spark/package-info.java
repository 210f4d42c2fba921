/**
 * Batch scoring with a trained jgrad model on Apache Spark: {@link org.jgrad.spark.ImageScoring}
 * turns a DataFrame of image paths into probabilities, one model per executor JVM
 * ({@link org.jgrad.spark.ModelCache}), images batched within each partition, a bad image giving an
 * error column instead of a failed task. {@link org.jgrad.spark.ScoreJob} is the same for
 * spark-submit (a text file of paths, or Spark's binaryFile source). {@link org.jgrad.spark.Sweep} runs training variants as independent tasks;
 * {@link org.jgrad.spark.BarrierTrain} runs one data-parallel training as barrier tasks. Spark is a provided dependency; the module is built only with -Pspark.
 * See docs/SCALE-OUT.md.
 */
package org.jgrad.spark;
