package org.jgrad.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jgrad.app.cv.CrossValidation;
import org.jgrad.app.train.RunFiles;
import org.jgrad.app.train.TrainConfig;
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
        if (Files.isDirectory(dir) && !isEmpty(dir)) {
            throw new IllegalArgumentException(
                    "--out " + dir + " is not empty; cross-validation needs a new or empty folder");
        }
        train.fetchPretrainedWeights(config);
        DeviceOption.Selection selection = train.device.resolve();
        System.out.println("cross-validation folder: " + dir.toAbsolutePath());
        new CrossValidation(config, dir, selection.backend(), selection.threads(), System.out)
                .run(folds, selection.note());
        return 0;
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
