package org.jgrad.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jgrad.app.train.ModelKind;
import org.jgrad.app.train.RunFiles;
import org.jgrad.app.train.TrainConfig;
import org.jgrad.app.train.Trainer;
import org.jgrad.vision.loader.PixelCache;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code train}: trains a benign/malignant classifier on the synthetic set (no {@code --data}) or on
 * a data folder, writes the run folder (checkpoints, metrics, curves, report.html) and ends with
 * the test evaluation. {@code --resume DIR} continues an interrupted run with its own settings.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train the lesion classifier and evaluate it on the test split.",
                "Without --data, the built-in synthetic set is generated once (cached) and used."})
public final class TrainCommand implements Callable<Integer> {
    /** Defaults, chosen so that the whole default run fits well within 10 minutes on 2 cores (docs/APP.md). */
    static final String DEFAULT_EPOCHS = "10";
    static final String DEFAULT_SYNTH_COUNT = "2000";

    @Spec CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", description = "Data folder in any layout the readers detect (default: the synthetic set).")
    Path data;

    @Option(names = "--model", defaultValue = "lesionnet-s", description = "lesionnet-s (64 px) or resnet18 (224 px) (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--image-size", paramLabel = "PX", description = "Input side in pixels (default: 64 for lesionnet-s, 224 for resnet18).")
    Integer imageSize;

    @Option(names = "--epochs", defaultValue = DEFAULT_EPOCHS, description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "32", description = "Images per step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", defaultValue = "0.001", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--lr-schedule", defaultValue = "cosine", paramLabel = "constant|cosine",
            description = "Learning rate per epoch: constant, or cosine decay to 1%% of --lr by the last epoch (default: ${DEFAULT-VALUE}).")
    String lrSchedule;

    @Option(names = "--optimizer", defaultValue = "adam", description = "adam or sgd (momentum 0.9) (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--augment", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Random rotation, zoom, flips and brightness/contrast on training images (default: on; --no-augment turns it off).")
    boolean augment;

    @Option(names = "--class-weight", defaultValue = "auto", paramLabel = "auto|none|W",
            description = "Weight of the malignant class in the loss: auto = benign/malignant count of the training split (default: ${DEFAULT-VALUE}).")
    String classWeight;

    @Option(names = "--balanced-sampling", description = "Draw training images with replacement, both classes equally often (class weight auto then means 1).")
    boolean balancedSampling;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the split, weights, shuffle and augmentation (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin DeviceOption device;

    @Mixin DataOptions dataOptions;

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default: runs/<date-time>-<model> under the current folder).")
    Path out;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the run in DIR from its last completed epoch, with its settings (--epochs may extend it).")
    Path resume;

    @Option(names = "--early-stop", paramLabel = "PATIENCE", defaultValue = "0",
            description = "Stop after PATIENCE epochs without a lower validation loss; 0 = never (default: ${DEFAULT-VALUE}).")
    int earlyStop;

    @Option(names = "--init-from", paramLabel = "FILE", description = "Start from pretrained weights (safetensors; jgrad or torchvision names).")
    Path initFrom;

    @Option(names = "--freeze-backbone", description = "Train only the head (with --init-from).")
    boolean freezeBackbone;

    @Option(names = "--synth-count", defaultValue = DEFAULT_SYNTH_COUNT, description = "Images in the synthetic set (default: ${DEFAULT-VALUE}).")
    int synthCount;

    @Option(names = "--synth-seed", defaultValue = "2017", description = "Seed of the synthetic set (default: ${DEFAULT-VALUE}).")
    long synthSeed;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "Folder for the synthetic set and the pixel cache (default: ~/.cache/jgrad).")
    Path cacheDir;

    @Override public Integer call() throws Exception {
        DeviceOption.Selection selection = device.resolve();
        Path runDir;
        TrainConfig config;
        if (resume != null) {
            if (!Files.isDirectory(resume)) throw new IllegalArgumentException("--resume " + resume + ": no such run folder");
            config = Trainer.readConfig(resume);
            for (String option : List.of("--data", "--model", "--image-size", "--batch-size", "--lr", "--lr-schedule", "--format", "--malignant", "--folder-labels", "--skip-bad", "--optimizer", "--augment",
                    "--class-weight", "--balanced-sampling", "--seed", "--init-from", "--freeze-backbone", "--synth-count", "--synth-seed")) {
                if (option.equals("--model") && given(option) && !sameAsRun(option, config)) {
                    throw new IllegalArgumentException("--resume " + resume + ": that run's checkpoint is a " + config.model()
                            + " model, not " + model);
                }
                if (given(option) && !sameAsRun(option, config)) {
                    throw new IllegalArgumentException("--resume " + resume + ": the run was trained with different settings ("
                            + option + "); a resumed run keeps its own settings, only --epochs may change");
                }
            }
            if (given("--epochs")) config = config.withEpochs(epochs);
            runDir = resume;
        } else {
            ModelKind kind = ModelKind.parse(model);
            if (freezeBackbone && initFrom == null) throw new IllegalArgumentException("--freeze-backbone needs --init-from FILE (a frozen random backbone learns nothing)");
            if (initFrom != null && !Files.isRegularFile(initFrom)) throw new IllegalArgumentException("--init-from " + initFrom + ": no such file");
            if (data != null && !Files.isDirectory(data)) throw new IllegalArgumentException("--data " + data + ": data folder does not exist");
            Path cache = cacheDir != null ? cacheDir : PixelCache.defaultFolder();
            config = new TrainConfig(kind.cliName(), imageSize != null ? imageSize : kind.defaultImageSize(), epochs, batchSize, lr,
                    optimizer, augment, classWeight, balancedSampling, seed, data == null ? null : data.toAbsolutePath().toString(),
                    synthCount, synthSeed, cache.toAbsolutePath().toString(), earlyStop,
                    initFrom == null ? null : initFrom.toAbsolutePath().toString(), freezeBackbone, dataOptions.settings(), lrSchedule);
            runDir = out != null ? out : RunFiles.newRunDir(Path.of("runs"), kind.cliName());
            if (Files.isRegularFile(new RunFiles(runDir).config())) {
                throw new IllegalArgumentException("--out " + runDir + " already holds a run; use --resume " + runDir + " to continue it");
            }
        }
        System.out.println("run folder: " + runDir.toAbsolutePath());
        new Trainer(config, runDir, selection.backend(), selection.threads(), System.out).run(resume != null, selection.note());
        return 0;
    }

    private boolean given(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    private boolean sameAsRun(String option, TrainConfig run) {
        return switch (option) {
            case "--model" -> ModelKind.parse(model).cliName().equals(run.model());
            case "--seed" -> seed == run.seed();
            case "--epochs" -> true;
            default -> false;
        };
    }
}
