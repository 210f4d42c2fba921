package org.jgrad.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.jgrad.app.CvCommand;
import org.jgrad.app.cv.CrossValidation;
import org.jgrad.app.cv.CvSummary;

/**
 * {@code jgrad cv} with every fold an independent Spark task. The driver deals the folds with
 * the command's own splitter and writes each fold's split files; each task trains and tests one
 * fold from them (with {@code --threads} = {@code spark.task.cpus}) and hands back its figures
 * and test predictions; the driver writes the command's summary (cv-summary.json / .csv: per-fold
 * test AUC, mean ± std, pooled AUC). So the folds, the run folders and the summary are those of
 * {@code jgrad cv} with the same options. The folder must be on storage that every executor and
 * the driver can reach.
 */
public final class CrossValidationSweep {
    /** What a fold's task hands back: its summary row, or the error that stopped it. */
    static final StructType FOLD_SCHEMA = new StructType()
            .add("fold", DataTypes.IntegerType, false)
            .add("run_folder", DataTypes.StringType, false)
            .add("test_images", DataTypes.IntegerType, false)
            .add("test_malignant", DataTypes.IntegerType, false)
            .add("auc", DataTypes.DoubleType, false)
            .add("auc_low", DataTypes.DoubleType, false)
            .add("auc_high", DataTypes.DoubleType, false)
            .add("sensitivity_at_90", DataTypes.DoubleType, false)
            .add("brier", DataTypes.DoubleType, false)
            .add("best_epoch", DataTypes.IntegerType, false)
            .add("epochs", DataTypes.IntegerType, false)
            .add("test_scores", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
            .add("test_labels", DataTypes.createArrayType(DataTypes.IntegerType, false), false)
            .add("error", DataTypes.StringType, true);

    private CrossValidationSweep() {}

    /**
     * Runs {@code jgrad cv <options> --out <outDir>} with one Spark task per fold and returns its
     * summary (also written to {@code outDir}). A fold that fails fails the job with the fold and
     * its error named, after the other folds are done (their run folders stay).
     */
    public static CvSummary run(SparkSession spark, List<String> options, String outDir) throws IOException {
        for (String option : options) {
            if (option.equals("--out") || option.equals("--threads")) {
                throw new IllegalArgumentException(
                        option + " is set by the cross-validation job itself; leave it out of the options");
            }
        }
        List<String> args = new ArrayList<>(options);
        args.addAll(List.of("--out", outDir));
        String[] fixed = args.toArray(String[]::new);
        CvCommand.Plan plan = CvCommand.plan(true, fixed);
        CrossValidation.Folds folds = plan.cv().prepare(plan.folds());
        plan.cv().fillPixelCache(folds); // the tasks of one executor share its cache file
        List<Integer> numbers = new ArrayList<>();
        for (int i = 1; i <= plan.folds(); i++) numbers.add(i);
        MapFunction<Integer, Row> trainFold = fold -> trainOne(fixed, fold);
        List<Row> rows = new ArrayList<>(spark.createDataset(numbers, Encoders.INT())
                .repartition(plan.folds())
                .map(trainFold, Encoders.row(FOLD_SCHEMA))
                .collectAsList());
        rows.sort(Comparator.comparingInt(r -> r.getInt(0)));
        List<CrossValidation.FoldOutcome> outcomes = new ArrayList<>();
        for (Row row : rows) {
            if (!row.isNullAt(13)) throw new IllegalStateException("fold " + row.getInt(0) + ": " + row.getString(13));
            outcomes.add(outcome(row));
        }
        return plan.cv().summarize(plan.folds(), folds.data(), outcomes);
    }

    /** One fold in its task: the plan rebuilt from the same options, with this task's thread count. */
    private static Row trainOne(String[] args, int fold) {
        TaskContext task = TaskContext.get();
        int threads = task == null ? 1 : Math.max(1, task.cpus());
        List<String> withThreads = new ArrayList<>(Arrays.asList(args));
        withThreads.addAll(List.of("--threads", Integer.toString(threads)));
        try {
            CvCommand.Plan plan = CvCommand.plan(false, withThreads.toArray(String[]::new));
            CrossValidation.FoldOutcome o = plan.cv().trainFold(fold, plan.deviceNote());
            CvSummary.Fold f = o.row();
            return RowFactory.create(
                    f.fold(),
                    f.runFolder(),
                    f.testImages(),
                    f.testMalignant(),
                    f.auc(),
                    f.aucLow(),
                    f.aucHigh(),
                    f.sensitivityAt90(),
                    f.brier(),
                    f.bestEpoch(),
                    f.epochs(),
                    Arrays.stream(o.testScores()).boxed().toArray(Double[]::new),
                    Arrays.stream(o.testLabels()).boxed().toArray(Integer[]::new),
                    null);
        } catch (Exception e) { // the driver names the fold; the other folds go on
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            return RowFactory.create(
                    fold,
                    CrossValidation.foldFolder(fold),
                    0,
                    0,
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    0,
                    0,
                    new Double[0],
                    new Integer[0],
                    message);
        }
    }

    private static CrossValidation.FoldOutcome outcome(Row row) {
        List<Double> scores = row.getList(11);
        List<Integer> labels = row.getList(12);
        return new CrossValidation.FoldOutcome(
                new CvSummary.Fold(
                        row.getInt(0),
                        row.getString(1),
                        row.getInt(2),
                        row.getInt(3),
                        row.getDouble(4),
                        row.getDouble(5),
                        row.getDouble(6),
                        row.getDouble(7),
                        row.getDouble(8),
                        row.getInt(9),
                        row.getInt(10)),
                scores.stream().mapToDouble(Double::doubleValue).toArray(),
                labels.stream().mapToInt(Integer::intValue).toArray());
    }
}
