package org.jgrad.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jgrad.app.eval.Evaluation;
import org.jgrad.app.eval.Predictions;
import org.jgrad.app.io.OutputFiles;
import org.jgrad.app.report.HtmlReport;
import org.jgrad.app.train.RunCheckpoint;
import org.jgrad.app.train.RunFiles;
import org.jgrad.metrics.ThresholdChoice;
import org.jgrad.vision.data.DataFiles;
import org.jgrad.vision.data.Dataset;
import org.jgrad.vision.data.DatasetReader;
import org.jgrad.vision.data.Division;
import org.jgrad.vision.data.Sample;
import org.jgrad.vision.loader.DataLoader;
import org.jgrad.vision.loader.LoaderOptions;
import org.jgrad.vision.loader.PixelCache;
import org.jgrad.vision.split.SplitFiles;
import org.jgrad.vision.split.SplitName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code evaluate}: a checkpoint's loss, accuracy, precision, recall, F1, ROC AUC with its 95 %
 * interval, PR AUC, sensitivity, specificity, operating points, calibration and confusion matrix
 * on a split of its run (or on a data folder); writes roc.png, roc.csv, pr.png, reliability.png,
 * predictions.csv, metrics.json and report.html; the last line printed is {@code <split> auc=<value>}.
 */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Evaluate a trained model: metrics, confusion matrix, ROC and PR curves.")
public final class EvaluateCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    DataOptions dataOptions;

    @Option(
            names = "--checkpoint",
            required = true,
            paramLabel = "RUN_OR_FILE",
            description = "A run folder (its best.safetensors) or a checkpoint file.")
    Path checkpoint;

    @Option(
            names = "--data",
            paramLabel = "DIR",
            description =
                    "Evaluate on this data folder instead of the run's split: a split folder's <split>.csv, else the"
                            + " download's official <split> part (ISIC 2016-2018, train/ valid/ test/ folders; all images with --resplit),"
                            + " else all its images. Refused when some were in the run's training or validation split.")
    Path data;

    @Option(
            names = "--allow-overlap",
            description = "Evaluate on --data even if some of its images were in the run's"
                    + " training or validation split (the scores are then not test scores).")
    boolean allowOverlap;

    @Option(
            names = "--split",
            defaultValue = "test",
            description = "train, validation or test (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(
            names = "--threshold",
            description = "Probability at or above which an image counts as malignant (default: the"
                    + " threshold that --pick-threshold saved in the run folder, else 0.5).")
    Double threshold;

    @Option(
            names = "--pick-threshold",
            paramLabel = "youden|recall=X",
            description =
                    "Choose the threshold instead: Youden's J, or the highest one reaching recall X (on the run's validation split when there is one).")
    String pickThreshold;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description =
                    "Where the curves, metrics.json and report.html go (default: a new <run>/eval-<split>[-<data>][-N] folder).")
    Path out;

    @Option(
            names = "--batch-size",
            defaultValue = "64",
            description = "Images per forward pass (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(
            names = "--cache-dir",
            paramLabel = "DIR",
            description = "Pixel cache folder (default: the run's, else ~/.cache/jgrad).")
    Path cacheDir;

    @Mixin
    CheckpointOptions checkpointOptions;

    @Mixin
    DeviceOption device;

    @Override
    public Integer call() throws Exception {
        SplitName which = parseSplit(split);
        if (threshold != null && !(threshold >= 0 && threshold <= 1))
            throw new IllegalArgumentException("--threshold must be in [0, 1], got " + threshold);
        if (data != null && Files.isRegularFile(data)) {
            throw new IllegalArgumentException("--data " + data + " is a file: pass the folder that holds it, --data "
                    + data.toAbsolutePath().getParent());
        }
        if (data != null && !Files.isDirectory(data))
            throw new IllegalArgumentException("--data " + data + ": data folder does not exist");
        if (data != null
                && out != null
                && DataFiles.isInside(data, out)) { // said first: nothing is read before a refusal
            throw new IllegalArgumentException("--out " + out + " lies inside the data folder " + data
                    + "; jgrad never writes into a data folder: choose another --out");
        }
        DeviceOption.Selection selection = device.resolve();
        RunCheckpoint.Loaded loaded =
                RunCheckpoint.load(checkpoint, selection.backend(), checkpointOptions.allowNonFinite);
        Path runDir = runFolderOf(checkpoint);
        List<Sample> samples = samplesFor(which, runDir);
        if (data != null && runDir != null) {
            String overlap = TrainingOverlap.describe(samples, runDir);
            if (overlap != null && !allowOverlap) {
                throw new IllegalArgumentException(
                        "--data " + data + ": " + overlap + "; their scores would not be test scores."
                                + " Evaluate on other images, or pass --allow-overlap to evaluate anyway");
            }
            if (overlap != null)
                System.out.println("warning (--allow-overlap): " + overlap + "; these are not test scores");
        }
        LoaderOptions options = LoaderOptions.evaluation(loaded.imageSize(), batchSize)
                .withNormalization(loaded.normalization())
                .withThreads(selection.threads(), 2 * selection.threads())
                .withCacheDir(cacheFolder(runDir))
                .withSkipBad(dataOptions.settings().skipBad())
                .withColourConstancy(loaded.colourConstancy());
        boolean symmetries = checkpointOptions.tta(loaded);
        System.out.println("checkpoint: " + loaded.file() + " (" + loaded.kind().cliName() + ", " + loaded.imageSize()
                + " px" + (loaded.colourConstancy() ? ", colour constancy" : "")
                + (symmetries ? ", test-time augmentation" : "") + "); " + selection.note());
        Predictions predictions;
        List<Sample> usable;
        try (DataLoader loader = DataLoader.open(samples, options)) {
            predictions = Predictions.of(loaded.model(), loader, selection.backend(), symmetries)
                    .requireFinite(loaded.file().toString());
            usable = loader.samples();
            if (!loader.skippedSummary().isEmpty())
                System.out.println("skipped bad images (--skip-bad):\n"
                        + loader.skippedSummary().strip());
        }
        double t = threshold != null ? threshold : 0.5;
        String note = threshold != null ? "given" : "default";
        if (threshold == null && pickThreshold == null && runDir != null) {
            var saved = PickedThreshold.load(runDir);
            if (saved.isPresent()) {
                t = saved.get();
                note = "picked earlier by --pick-threshold, "
                        + PickedThreshold.file(runDir).getFileName();
            }
        }
        if (pickThreshold != null) {
            boolean onValidation = runDir != null && data == null && which != SplitName.VALIDATION;
            Predictions basis = predictions;
            if (onValidation) {
                try (DataLoader loader = DataLoader.open(
                        SplitFiles.read(new RunFiles(runDir).splitDir(), SplitName.VALIDATION), options)) {
                    basis = Predictions.of(loaded.model(), loader, selection.backend(), symmetries)
                            .requireFinite(loaded.file().toString());
                }
            }
            t = ThresholdChoice.pick(pickThreshold, basis.scores(), basis.labels());
            note = pickThreshold
                    + (onValidation ? ", picked on the validation split" : ", picked on these images (optimistic)");
            if (onValidation) {
                Path saved = PickedThreshold.save(runDir, t, pickThreshold);
                System.out.println("threshold " + String.format(java.util.Locale.ROOT, "%.4f", t) + " (" + note
                        + ") saved to " + saved + "; predict with this run uses it");
            }
        }
        Evaluation evaluation = Evaluation.of(which.fileName(), predictions, usable, t, note);
        Path outDir = out != null
                ? out
                : newFolder(
                        runDir != null ? runDir : Path.of(""),
                        "eval-" + which.fileName()
                                + (data != null
                                        ? "-"
                                                + data.toAbsolutePath()
                                                        .normalize()
                                                        .getFileName()
                                        : ""));
        if (data != null && DataFiles.isInside(data, outDir)) {
            throw new IllegalArgumentException("--out " + outDir + " lies inside the data folder " + data
                    + "; jgrad never writes into a data folder: choose another --out");
        }
        evaluation.writeFiles(outDir);
        OutputFiles.writeJson(outDir.resolve("metrics.json"), java.util.Map.of(which.fileName(), evaluation.json()));
        HtmlReport.writeEvaluation(
                outDir.resolve("report.html"),
                evaluation,
                loaded.file() + " on " + describeImages(which, runDir)
                        + (symmetries ? ", test-time augmentation" : ""));
        System.out.println(
                "wrote roc.png, roc.csv, pr.png, reliability.png, predictions.csv, metrics.json, report.html to "
                        + outDir.toAbsolutePath());
        System.out.print(evaluation.summary());
        return 0;
    }

    /** {@code parent/name}, or {@code parent/name-2}, {@code -3}... when it exists: an evaluation never overwrites another. */
    static Path newFolder(Path parent, String name) {
        Path dir = parent.resolve(name);
        for (int n = 2; Files.exists(dir); n++) dir = parent.resolve(name + "-" + n);
        return dir;
    }

    private List<Sample> samplesFor(SplitName which, Path runDir) {
        if (data != null) {
            Path splitCsv = data.resolve(which.fileName() + ".csv");
            if (Files.isRegularFile(splitCsv)) return SplitFiles.readInside(splitCsv, data);
            Dataset dataset = DatasetReader.read(data, dataOptions.settings().readOptions());
            System.out.println("data: " + dataset.summary());
            System.out.print(dataset.details());
            if (!dataset.hasOfficialDivision() || dataOptions.settings().resplit()) return dataset.samples();
            // A download with an official division: evaluate on the part --split names, as published.
            String part = switch (which) {
                case TRAIN -> Division.TRAIN;
                case VALIDATION -> Division.VALIDATION;
                case TEST -> Division.TEST;
            };
            List<Sample> inPart = dataset.samples().stream()
                    .filter(s -> part.equals(s.officialSplit()))
                    .toList();
            if (inPart.isEmpty()) {
                throw new IllegalArgumentException("--data " + data + " has no official " + part
                        + " part; choose another --split," + " or --resplit to evaluate on all its images");
            }
            System.out.println("evaluating the official " + part + " part: " + inPart.size() + " images");
            return inPart;
        }
        if (runDir == null) {
            throw new IllegalArgumentException(
                    "--checkpoint " + checkpoint + " is not inside a run folder, so --data DIR is needed");
        }
        return SplitFiles.read(new RunFiles(runDir).splitDir(), which);
    }

    /** What the evaluated images are, for the report. */
    private String describeImages(SplitName which, Path runDir) {
        if (data == null) return "the " + which.fileName() + " split of " + runDir;
        return Files.isRegularFile(data.resolve(which.fileName() + ".csv"))
                ? data.resolve(which.fileName() + ".csv").toString()
                : "all images of " + data;
    }

    /** --cache-dir, else the run's own cache folder, else ~/.cache/jgrad. */
    private Path cacheFolder(Path runDir) {
        if (cacheDir != null) return cacheDir;
        if (runDir != null)
            return Path.of(org.jgrad.app.train.Trainer.readConfig(runDir).cacheDir());
        return PixelCache.defaultFolder();
    }

    /** The run folder a checkpoint belongs to (the folder itself, or the file's folder when it holds config.json), or null. */
    static Path runFolderOf(Path checkpoint) {
        Path dir = Files.isDirectory(checkpoint)
                ? checkpoint
                : checkpoint.toAbsolutePath().getParent();
        return dir != null && Files.isRegularFile(new RunFiles(dir).config()) ? dir : null;
    }

    static SplitName parseSplit(String text) {
        for (SplitName s : SplitName.values()) if (s.fileName().equals(text.toLowerCase(Locale.ROOT))) return s;
        throw new IllegalArgumentException("--split must be train, validation or test, got '" + text + "'");
    }
}
