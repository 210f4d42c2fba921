package org.jgrad.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jgrad.app.cv.CrossValidation;
import org.jgrad.app.train.RunFiles;
import org.jgrad.app.train.TrainConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cv}: k-fold cross-validation with every {@code train} option (the recipe of each fold's
 * model); {@code --out} is the cross-validation folder, holding fold-1/ … fold-k/ (run folders)
 * and cv-summary.json / cv-summary.csv. The last line printed is
 * {@code cv auc=<mean> std=<std> folds=<k>}.
 */
@Command(
        name = "cv",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Cross-validate: stratified, grouped k-fold splits, one model trained per fold (validation held out of the"
                    + " training folds), each tested on its fold; prints the per-fold test ROC AUC and their mean ± standard deviation.",
            "Takes every train option (except --resume); --out is the cross-validation folder (default: runs/<date-time>-cv-<model>)."
        })
public final class CvCommand implements Callable<Integer> {
    @Option(
            names = "--folds",
            defaultValue = "5",
            paramLabel = "K",
            description = "Number of folds, 2 to 20 (default: ${DEFAULT-VALUE}).")
    int folds;

    @Mixin
    TrainCommand train;

    @Override
    public Integer call() throws IOException {
        Plan plan = plan(true);
        System.out.println("cross-validation folder: " + plan.dir().toAbsolutePath());
        plan.cv().run(folds, plan.deviceNote());
        return 0;
    }

    /**
     * A cross-validation as {@code jgrad cv} would run it, for callers that schedule its folds
     * themselves (one Spark task per fold): {@link CrossValidation#prepare}, then
     * {@link CrossValidation#trainFold} for each fold anywhere, then {@link CrossValidation#summarize}.
     */
    public record Plan(CrossValidation cv, int folds, Path dir, String deviceNote) {}

    /**
     * The plan of {@code jgrad cv <args>} (the same checks and defaults; {@code --out} required).
     * {@code newFolder}: whether {@code --out} must be new or empty (true where the folds are
     * dealt; false where a fold of an already prepared folder is trained).
     */
    public static Plan plan(boolean newFolder, String... args) throws IOException {
        CvCommand command = new CvCommand();
        new CommandLine(command).parseArgs(args);
        if (command.train.out == null) throw new IllegalArgumentException("--out is required here");
        return command.plan(newFolder);
    }

    private Plan plan(boolean newFolder) throws IOException {
        if (train.resume != null)
            throw new IllegalArgumentException(
                    "--resume is not available for cv; run cv again into a new --out folder");
        if (train.nproc != 1)
            throw new IllegalArgumentException(
                    "--nproc is not available for cv; the folds run one after another in one process");
        if (folds < 2 || folds > 20)
            throw new IllegalArgumentException("--folds must be between 2 and 20, got " + folds);
        TrainConfig config = train.newRunConfig();
        Path dir = train.out != null ? train.out : RunFiles.newRunDir(Path.of("runs"), "cv-" + config.model());
        if (newFolder && Files.isDirectory(dir) && !isEmpty(dir)) {
            throw new IllegalArgumentException(
                    "--out " + dir + " is not empty; cross-validation needs a new or empty folder");
        }
        train.fetchPretrainedWeights(config);
        DeviceOption.Selection selection = train.device.resolve();
        return new Plan(
                new CrossValidation(config, dir, selection.backend(), selection.threads(), System.out),
                folds,
                dir,
                selection.note());
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
