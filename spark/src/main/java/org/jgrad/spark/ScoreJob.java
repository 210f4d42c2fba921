package org.jgrad.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code score} for spark-submit: scores every image of INPUT and writes the (path, probability,
 * error) table as CSV. INPUT is, by {@code --input-format}:
 * <ul>
 *   <li>{@code text} (the default): a text file (or folder of them) with one image path per line;
 *       the executors read each image from its path;</li>
 *   <li>{@code binaryFile}: the images themselves, as Spark's {@code binaryFile} source takes them
 *       (a file, a folder, or a glob such as {@code 'archive/*.jpg'}); Spark reads the bytes and the
 *       executors decode them, so the images need only be reachable where Spark lists them. The
 *       path column then holds Spark's URI ({@code file:/…}).</li>
 * </ul>
 *
 * <pre>
 * spark-submit --class org.jgrad.spark.ScoreJob --jars app/target/jgrad.jar \
 *   --driver-java-options "--add-modules jdk.incubator.vector" \
 *   --conf spark.executor.extraJavaOptions="--add-modules jdk.incubator.vector" \
 *   spark/target/jgrad-spark-*.jar [--input-format text|binaryFile] CHECKPOINT INPUT OUT_FOLDER [BATCH]
 * </pre>
 */
public final class ScoreJob {
    static final String USAGE =
            "usage: ScoreJob [--input-format text|binaryFile] CHECKPOINT INPUT OUT_FOLDER [BATCH (default 32)]";

    private ScoreJob() {}

    public static void main(String[] args) throws Exception {
        try {
            Arguments parsed = Arguments.parse(args); // before Spark starts, so a typo fails at once
            try (SparkSession spark =
                    SparkSession.builder().appName("jgrad score").getOrCreate()) {
                run(spark, parsed);
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        }
    }

    /**
     * Scores as the command line {@code args} say, with an existing session (left open).
     *
     * @throws IllegalArgumentException for arguments that do not fit the usage, naming the wrong one
     */
    public static void run(SparkSession spark, String... args) {
        run(spark, Arguments.parse(args));
    }

    private static void run(SparkSession spark, Arguments a) {
        // A list file is one partition, and binaryFile packs many small images into one: spread
        // them over every core, so every core scores.
        int partitions = spark.sparkContext().defaultParallelism();
        Dataset<Row> scored;
        if (a.binaryFiles) {
            Dataset<Row> files = spark.read().format("binaryFile").load(a.input).repartition(partitions);
            scored = ImageScoring.scoreBinaryFiles(files, a.checkpoint, a.batch);
        } else {
            Dataset<Row> paths = spark.read()
                    .text(a.input)
                    .withColumnRenamed("value", "path")
                    .repartition(partitions);
            scored = ImageScoring.score(paths, "path", a.checkpoint, a.batch);
        }
        scored.write().option("header", "true").csv(a.out);
    }

    /** The command line, checked. */
    private record Arguments(boolean binaryFiles, String checkpoint, String input, String out, int batch) {
        static Arguments parse(String... args) {
            String format = "text";
            List<String> positional = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--input-format")) {
                    if (i + 1 == args.length) throw new IllegalArgumentException("--input-format needs a value");
                    format = args[++i];
                } else if (args[i].startsWith("--input-format=")) {
                    format = args[i].substring("--input-format=".length());
                } else positional.add(args[i]);
            }
            if (!format.equals("text") && !format.equals("binaryFile")) {
                throw new IllegalArgumentException("--input-format must be text or binaryFile, got '" + format + "'");
            }
            if (positional.size() < 3 || positional.size() > 4) {
                throw new IllegalArgumentException(
                        "expected CHECKPOINT INPUT OUT_FOLDER [BATCH], got " + positional.size() + " argument(s)");
            }
            int batch = 32;
            if (positional.size() == 4) {
                try {
                    batch = Integer.parseInt(positional.get(3));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("BATCH must be a whole number, got '" + positional.get(3) + "'");
                }
                if (batch < 1) throw new IllegalArgumentException("BATCH must be >= 1, got " + batch);
            }
            return new Arguments(
                    format.equals("binaryFile"), positional.get(0), positional.get(1), positional.get(2), batch);
        }
    }
}
