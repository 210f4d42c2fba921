package org.jgrad.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code score} for spark-submit: reads a text file (or folder of them) with one image path per
 * line, scores every image, writes the (path, probability, error) table as CSV.
 *
 * <pre>
 * spark-submit --class org.jgrad.spark.ScoreJob --jars app/target/jgrad.jar \
 *   --driver-java-options "--add-modules jdk.incubator.vector" \
 *   --conf spark.executor.extraJavaOptions="--add-modules jdk.incubator.vector" \
 *   spark/target/jgrad-spark-*.jar CHECKPOINT PATHS.txt OUT_FOLDER [BATCH]
 * </pre>
 */
public final class ScoreJob {
    private ScoreJob() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3 || args.length > 4) {
            System.err.println("usage: ScoreJob CHECKPOINT PATHS.txt OUT_FOLDER [BATCH (default 32)]");
            System.exit(2);
        }
        int batch = args.length == 4 ? Integer.parseInt(args[3]) : 32;
        try (SparkSession spark = SparkSession.builder().appName("jgrad score").getOrCreate()) {
            // A list file is one partition: spread it over every core, so every core scores.
            Dataset<Row> paths = spark.read()
                    .text(args[1])
                    .withColumnRenamed("value", "path")
                    .repartition(spark.sparkContext().defaultParallelism());
            ImageScoring.score(paths, "path", args[0], batch)
                    .write()
                    .option("header", "true")
                    .csv(args[2]);
        }
    }
}
