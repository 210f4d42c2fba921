package org.jgrad.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.jgrad.app.Main;

/**
 * A sweep: many ordinary {@code jgrad train} runs (seeds, a small grid of options) as independent
 * Spark tasks, one partition each, collected into one table. Each run is the command line's own
 * (the same split, recipe and files), into {@code <outDir>/<name>}, with {@code --threads} set to
 * {@code spark.task.cpus}; a failed run gives an error row instead of failing the job.
 * The run folders must be on storage that every executor and the driver can reach.
 */
public final class Sweep {
    /** The result's columns: the variant's name, its extra options, the run folder, the test ROC AUC, seconds, error. */
    public static final StructType SCHEMA = new StructType()
            .add("name", DataTypes.StringType, false)
            .add("options", DataTypes.StringType, false)
            .add("run", DataTypes.StringType, false)
            .add("test_auc", DataTypes.DoubleType, true)
            .add("seconds", DataTypes.DoubleType, false)
            .add("error", DataTypes.StringType, true);

    /** One run of the sweep: a name (its folder) and the options it adds to the common ones. */
    public record Variant(String name, List<String> options) implements java.io.Serializable {
        public Variant {
            if (!name.matches("[A-Za-z0-9._-]+"))
                throw new IllegalArgumentException("variant name '" + name + "' must be letters, digits, . _ -");
            options = List.copyOf(options);
        }
    }

    private Sweep() {}

    /** Runs {@code jgrad train <common> <variant options> --out <outDir>/<name>} for every variant, in parallel. */
    public static Dataset<Row> run(SparkSession spark, List<String> common, List<Variant> variants, String outDir) {
        for (String option : common) {
            if (option.equals("--out") || option.equals("--threads") || option.equals("--nproc")) {
                throw new IllegalArgumentException(
                        option + " is set by the sweep itself; leave it out of the common options");
            }
        }
        List<String> fixed = List.copyOf(common);
        List<Row> rows = new ArrayList<>();
        for (Variant v : variants) rows.add(RowFactory.create(v.name(), String.join(" ", v.options())));
        StructType input = new StructType().add("name", DataTypes.StringType).add("options", DataTypes.StringType);
        MapFunction<Row, Row> train = row -> runOne(
                fixed,
                variants.stream()
                        .filter(v -> v.name().equals(row.getString(0)))
                        .findFirst()
                        .orElseThrow(),
                outDir);
        return spark.createDataFrame(rows, input)
                .repartition(Math.max(1, variants.size()))
                .map(train, Encoders.row(SCHEMA));
    }

    private static Row runOne(List<String> common, Variant variant, String outDir) throws Exception {
        TaskContext task = TaskContext.get();
        int threads = task == null ? 1 : Math.max(1, task.cpus());
        Path run = Path.of(outDir, variant.name());
        List<String> args = new ArrayList<>(List.of("train"));
        args.addAll(common);
        args.addAll(variant.options());
        args.addAll(List.of("--threads", Integer.toString(threads), "--out", run.toString()));
        long start = System.nanoTime();
        int exit = Main.run(args.toArray(String[]::new)); // its console output goes to this executor's log
        double seconds = (System.nanoTime() - start) / 1e9;
        String options = String.join(" ", variant.options());
        Path metrics = run.resolve("metrics.json");
        if (exit != 0 || !Files.isRegularFile(metrics)) {
            return RowFactory.create(
                    variant.name(),
                    options,
                    run.toString(),
                    null,
                    seconds,
                    "jgrad train exited with status " + exit + "; its error line is in the executor's log");
        }
        JsonNode test = new ObjectMapper().readTree(metrics.toFile()).path("test");
        Double auc = test.path("rocAuc").isNumber() ? test.path("rocAuc").asDouble() : null;
        return RowFactory.create(variant.name(), options, run.toString(), auc, seconds, null);
    }
}
