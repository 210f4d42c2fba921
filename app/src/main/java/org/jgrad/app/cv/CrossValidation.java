package org.jgrad.app.cv;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jgrad.app.eval.Evaluation;
import org.jgrad.app.report.HtmlReport;
import org.jgrad.app.train.RunData;
import org.jgrad.app.train.RunFiles;
import org.jgrad.app.train.TrainConfig;
import org.jgrad.app.train.Trainer;
import org.jgrad.backend.Backend;
import org.jgrad.metrics.DeLong;
import org.jgrad.vision.data.Dataset;
import org.jgrad.vision.data.Sample;
import org.jgrad.vision.split.SplitFiles;
import org.jgrad.vision.split.SplitName;
import org.jgrad.vision.split.SplitResult;
import org.jgrad.vision.split.StratifiedGroupKFold;

/**
 * k-fold cross-validation: for data sets too small for one honest train/validation/test split,
 * every image is tested once, by a model that never saw its lesion. The data are dealt into k
 * stratified, grouped folds ({@link StratifiedGroupKFold}); fold i's model trains with the run
 * recipe on the other folds (a tenth of all images held out of them for validation and the choice
 * of the best epoch) and is tested on fold i. Each fold is an ordinary run folder
 * ({@code fold-1/}, …: checkpoints, metrics.json, report.html); the summary goes to
 * cv-summary.json and cv-summary.csv.
 */
public final class CrossValidation {
    private final TrainConfig config;
    private final Path dir;
    private final Backend backend;
    private final int threads;
    private final PrintStream out;

    public CrossValidation(TrainConfig config, Path dir, Backend backend, int threads, PrintStream out) {
        this.config = config;
        this.dir = dir;
        this.backend = backend;
        this.threads = threads;
        this.out = out;
    }

    /** Trains and tests one model per fold, then writes and prints the summary. */
    public CvSummary run(int folds, String deviceNote) throws IOException {
        Folds prepared = prepare(folds);
        List<FoldOutcome> outcomes = new ArrayList<>();
        for (int i = 1; i <= folds; i++) {
            RunFiles files = new RunFiles(dir.resolve(foldFolder(i)));
            out.printf(
                    Locale.ROOT,
                    "%n== fold %d of %d: %s ==%n",
                    i,
                    folds,
                    files.dir().toAbsolutePath());
            out.print(new SplitResult(
                            prepared.splits().get(i - 1),
                            prepared.grouping(),
                            "cross-validation fold " + i + " of " + folds
                                    + " (test = this fold; validation held out of the other folds)",
                            files.splitDir())
                    .table());
            outcomes.add(trainFold(i, deviceNote));
        }
        return summarize(folds, prepared.data(), outcomes);
    }

    /**
     * The folds of a cross-validation, dealt and written: {@code data} is the data set's summary
     * line, {@code splits} the train/validation/test parts of each fold (fold i at index i − 1).
     */
    public record Folds(String data, List<Map<SplitName, List<Sample>>> splits, String grouping) {}

    /**
     * Reads the data, deals them into {@code folds} folds and writes each fold's split files
     * ({@code fold-<i>/splits/}), so that {@link #trainFold} can then run the folds in any order,
     * in other processes or on other machines that see the same folder.
     */
    public Folds prepare(int folds) throws IOException {
        Dataset dataset = RunData.readDataset(config, threads, out);
        if (dataset.samples().stream()
                .anyMatch(s -> !s.metadata().getOrDefault("folder_split", "").isEmpty())) {
            out.println(
                    "note: cross-validation pools every image; the data's own train/valid/test folders are not used as a split");
        }
        List<Map<SplitName, List<Sample>>> splits =
                StratifiedGroupKFold.splits(dataset.samples(), folds, config.seed());
        Files.createDirectories(dir);
        for (int i = 1; i <= folds; i++) {
            RunFiles files = new RunFiles(dir.resolve(foldFolder(i)));
            Files.createDirectories(files.splitDir());
            for (SplitName part : SplitName.values()) {
                SplitFiles.write(
                        files.splitDir().resolve(part.fileName() + ".csv"),
                        splits.get(i - 1).get(part));
            }
        }
        return new Folds(dataset.summary(), splits, dataset.grouping());
    }

    /**
     * Decodes every image of {@code folds} into the pixel cache, so that folds then trained side by
     * side in one JVM only read the cache file (one loader at a time may write it).
     */
    public void fillPixelCache(Folds folds) {
        List<Sample> all = new ArrayList<>();
        for (List<Sample> part : folds.splits().get(0).values()) all.addAll(part);
        Trainer.fillPixelCache(config, all, threads);
    }

    /**
     * One fold's figures and its test predictions (for the pooled AUC): what a fold run elsewhere
     * hands back to the one that writes the summary.
     */
    public record FoldOutcome(CvSummary.Fold row, double[] testScores, int[] testLabels) {}

    /** Trains fold {@code fold} (1-based) on the split that {@link #prepare} wrote, and tests it on its fold. */
    public FoldOutcome trainFold(int fold, String deviceNote) throws IOException {
        Path foldDir = dir.resolve(foldFolder(fold));
        Trainer.Result result =
                new Trainer(config, foldDir, backend, threads, out, HtmlReport::write).runOnWrittenSplit(deviceNote);
        Evaluation test = result.test();
        return new FoldOutcome(
                CvSummary.Fold.of(fold, foldDir.getFileName().toString(), result),
                test.predictions().scores(),
                test.predictions().labels());
    }

    /** The summary of all folds (in fold order): written to cv-summary.json and .csv, and printed. */
    public CvSummary summarize(int folds, String data, List<FoldOutcome> outcomes) {
        List<CvSummary.Fold> rows = new ArrayList<>();
        for (FoldOutcome o : outcomes) rows.add(o.row());
        CvSummary summary = CvSummary.of(folds, config.seed(), data, rows, pooled(outcomes));
        summary.write(dir);
        out.println();
        out.print(summary.table());
        out.println("wrote cv-summary.json, cv-summary.csv to " + dir.toAbsolutePath());
        out.println(summary.lastLine());
        return summary;
    }

    /** The run folder of fold {@code fold} (1-based) inside the cross-validation folder. */
    public static String foldFolder(int fold) {
        return "fold-" + fold;
    }

    /** The AUC and DeLong interval of all folds' test predictions together (each image once). */
    static DeLong.Interval pooled(List<FoldOutcome> tests) {
        int n = tests.stream().mapToInt(t -> t.testScores().length).sum();
        double[] scores = new double[n];
        int[] labels = new int[n];
        int at = 0;
        for (FoldOutcome t : tests) {
            int m = t.testScores().length;
            System.arraycopy(t.testScores(), 0, scores, at, m);
            System.arraycopy(t.testLabels(), 0, labels, at, m);
            at += m;
        }
        return DeLong.interval(scores, labels);
    }
}
