package org.jgrad.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code sweep} for spark-submit: many independent trainings as Spark tasks, one result table.
 *
 * <pre>
 * spark-submit --class org.jgrad.spark.SweepJob … jgrad-spark.jar cv OUT_FOLDER -- [jgrad cv options]
 * spark-submit --class org.jgrad.spark.SweepJob … jgrad-spark.jar seeds OUT_FOLDER 1,2,3 -- [jgrad train options]
 * </pre>
 *
 * {@code cv}: k-fold cross-validation, one fold per task, split as {@code jgrad cv} splits
 * ({@link CrossValidationSweep}; writes cv-summary.json/.csv). {@code seeds}: the same training with
 * each seed ({@link Sweep}; writes sweep.csv: name, options, run folder, test AUC, seconds, error).
 * OUT_FOLDER must be reachable from every executor and the driver.
 */
public final class SweepJob {
    static final String USAGE = "usage: SweepJob cv OUT_FOLDER -- [jgrad cv options]\n"
            + "       SweepJob seeds OUT_FOLDER SEED[,SEED...] -- [jgrad train options]";

    private SweepJob() {}

    /** The command line, checked before Spark starts. */
    record Arguments(String mode, String out, List<Long> seeds, List<String> options) {
        static Arguments parse(String... args) {
            int dashes = Arrays.asList(args).indexOf("--");
            List<String> head = Arrays.asList(args).subList(0, dashes < 0 ? args.length : dashes);
            List<String> options =
                    dashes < 0 ? List.of() : List.copyOf(Arrays.asList(args).subList(dashes + 1, args.length));
            if (head.isEmpty()) throw new IllegalArgumentException("SweepJob: missing the mode (cv or seeds)");
            String mode = head.get(0);
            switch (mode) {
                case "cv" -> {
                    if (head.size() != 2)
                        throw new IllegalArgumentException(
                                "SweepJob cv: expected OUT_FOLDER, got " + head.subList(1, head.size()));
                    return new Arguments(mode, head.get(1), List.of(), options);
                }
                case "seeds" -> {
                    if (head.size() != 3) {
                        throw new IllegalArgumentException("SweepJob seeds: expected OUT_FOLDER SEED[,SEED...], got "
                                + head.subList(1, head.size()));
                    }
                    List<Long> seeds = new ArrayList<>();
                    for (String s : head.get(2).split(",")) {
                        try {
                            seeds.add(Long.parseLong(s.trim()));
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException(
                                    "SweepJob seeds: '" + s + "' in SEEDS is not a whole number");
                        }
                    }
                    if (seeds.stream().distinct().count() != seeds.size()) {
                        throw new IllegalArgumentException("SweepJob seeds: a seed is given twice in " + head.get(2));
                    }
                    if (options.contains("--seed"))
                        throw new IllegalArgumentException("SweepJob seeds: --seed is set per task; leave it out");
                    return new Arguments(mode, head.get(1), List.copyOf(seeds), options);
                }
                default ->
                    throw new IllegalArgumentException("SweepJob: unknown mode '" + mode + "' (expected cv or seeds)");
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Arguments parsed;
        try {
            parsed = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        try (SparkSession spark = SparkSession.builder().appName("jgrad sweep").getOrCreate()) {
            run(spark, parsed).forEach(System.out::println);
        }
    }

    /**
     * Runs the sweep the command line {@code args} describe with an existing session (left open).
     *
     * @return one line per run (seeds) or the cross-validation summary lines (cv)
     * @throws IllegalArgumentException for arguments that do not fit the usage, naming the wrong one
     */
    public static List<String> run(SparkSession spark, String... args) throws Exception {
        return run(spark, Arguments.parse(args));
    }

    private static List<String> run(SparkSession spark, Arguments a) throws Exception {
        if (a.mode().equals("cv")) {
            var summary = CrossValidationSweep.run(spark, a.options(), a.out());
            return List.of(summary.toString());
        }
        List<Sweep.Variant> variants = new ArrayList<>();
        for (long seed : a.seeds())
            variants.add(new Sweep.Variant("seed-" + seed, List.of("--seed", Long.toString(seed))));
        // Collected once: the table is lazy, and a second action would train every run again.
        List<Row> rows = Sweep.run(spark, a.options(), variants, a.out()).collectAsList();
        spark.createDataFrame(rows, Sweep.SCHEMA)
                .coalesce(1)
                .write()
                .mode("overwrite")
                .option("header", "true")
                .csv(a.out() + "/sweep.csv");
        List<String> lines = new ArrayList<>();
        for (Row r : rows) {
            lines.add(r.getString(0) + " test_auc=" + (r.isNullAt(3) ? "-" : r.getDouble(3))
                    + (r.isNullAt(5) ? "" : " error=" + r.getString(5)));
        }
        return lines;
    }
}
