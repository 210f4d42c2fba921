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
        Dataset dataset = RunData.readDataset(config, threads, out);
        if (dataset.samples().stream()
                .anyMatch(s -> !s.metadata().getOrDefault("folder_split", "").isEmpty())) {
            out.println(
                    "note: cross-validation pools every image; the data's own train/valid/test folders are not used as a split");
        }
        List<Map<SplitName, List<Sample>>> splits =
                StratifiedGroupKFold.splits(dataset.samples(), folds, config.seed());
        Files.createDirectories(dir);
        List<CvSummary.Fold> results = new ArrayList<>();
        List<Evaluation> tests = new ArrayList<>();
        for (int i = 0; i < folds; i++) {
            Path foldDir = dir.resolve("fold-" + (i + 1));
            RunFiles files = new RunFiles(foldDir);
            Files.createDirectories(files.splitDir());
            for (SplitName part : SplitName.values()) {
                SplitFiles.write(
                        files.splitDir().resolve(part.fileName() + ".csv"),
                        splits.get(i).get(part));
            }
            out.printf(Locale.ROOT, "%n== fold %d of %d: %s ==%n", i + 1, folds, foldDir.toAbsolutePath());
            out.print(new SplitResult(
                            splits.get(i),
                            dataset.grouping(),
                            "cross-validation fold " + (i + 1) + " of " + folds
                                    + " (test = this fold; validation held out of the other folds)",
                            files.splitDir())
                    .table());
            Trainer.Result result = new Trainer(config, foldDir, backend, threads, out, HtmlReport::write)
                    .runOnWrittenSplit(deviceNote);
            tests.add(result.test());
            results.add(CvSummary.Fold.of(i + 1, foldDir.getFileName().toString(), result));
        }
        CvSummary summary = CvSummary.of(folds, config.seed(), dataset.summary(), results, pooled(tests));
        summary.write(dir);
        out.println();
        out.print(summary.table());
        out.println("wrote cv-summary.json, cv-summary.csv to " + dir.toAbsolutePath());
        out.println(summary.lastLine());
        return summary;
    }

    /** The AUC and DeLong interval of all folds' test predictions together (each image once). */
    static DeLong.Interval pooled(List<Evaluation> tests) {
        int n = tests.stream().mapToInt(t -> t.predictions().scores().length).sum();
        double[] scores = new double[n];
        int[] labels = new int[n];
        int at = 0;
        for (Evaluation t : tests) {
            int m = t.predictions().scores().length;
            System.arraycopy(t.predictions().scores(), 0, scores, at, m);
            System.arraycopy(t.predictions().labels(), 0, labels, at, m);
            at += m;
        }
        return DeLong.interval(scores, labels);
    }
}
