package org.jgrad.app;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jgrad.app.dist.DataParallel;
import org.jgrad.app.report.HtmlReport;
import org.jgrad.app.train.FineTuning;
import org.jgrad.app.train.ModelKind;
import org.jgrad.app.train.Recipe;
import org.jgrad.app.train.RunFiles;
import org.jgrad.app.train.TrainConfig;
import org.jgrad.app.train.Trainer;
import org.jgrad.app.weights.WeightsSource;
import org.jgrad.app.weights.WeightsStore;
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
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Train the lesion classifier and evaluate it on the test split.",
            "Without --data, the built-in synthetic set is generated once (cached) and used."
        })
public final class TrainCommand implements Callable<Integer> {
    /** Size of the synthetic set, chosen so that the whole default run takes well under a minute on 2 cores (docs/APP.md). */
    static final String DEFAULT_SYNTH_COUNT = "2000";

    @Spec
    CommandSpec spec;

    @Option(
            names = "--data",
            paramLabel = "DIR",
            description = "Data folder in any layout the readers detect (default: the synthetic set).")
    Path data;

    @Option(
            names = "--recipe",
            paramLabel = "real|synthetic",
            description =
                    "Preset of defaults: real (the default with --data: lesionnet-m, 128 px, auto epochs, AdamW, dermoscopy augmentation,"
                            + " colour constancy, weight average, TTA) or synthetic (the default without --data: lesionnet-s, 64 px, 10 epochs, Adam)."
                            + " Every option below overrides its preset value.")
    String recipe;

    @Option(
            names = "--model",
            description = "lesionnet-s (64 px), lesionnet-m (128 px) or resnet18 (224 px) (default: from --recipe).")
    String model;

    @Option(
            names = "--image-size",
            paramLabel = "PX",
            description = "Input side in pixels (default: the model's: 64, 128 or 224).")
    Integer imageSize;

    @Option(
            names = "--epochs",
            paramLabel = "N|auto",
            description = "Epochs; auto = enough for " + TrainConfig.STEP_BUDGET + " optimizer steps, between "
                    + TrainConfig.MIN_AUTO_EPOCHS + " and " + TrainConfig.MAX_AUTO_EPOCHS
                    + " (default: auto with --recipe real, 10 with synthetic).")
    String epochs;

    @Option(names = "--batch-size", defaultValue = "32", description = "Images per step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(
            names = "--lr",
            description = "Peak learning rate (default: 0.002 with --recipe real, 0.001 with synthetic).")
    Double lr;

    @Option(
            names = "--lr-schedule",
            defaultValue = "cosine",
            paramLabel = "constant|cosine",
            description =
                    "Learning rate per epoch: constant, or cosine decay to 1%% of --lr by the last epoch (default: ${DEFAULT-VALUE}).")
    String lrSchedule;

    @Option(
            names = "--warmup-epochs",
            paramLabel = "N",
            description = "Linear learning-rate warm-up epochs (default: 3 with --recipe real, 0 with synthetic).")
    Integer warmupEpochs;

    @Option(
            names = "--optimizer",
            description = "adam, adamw or sgd (momentum 0.9) (default: adamw with --recipe real, adam with synthetic).")
    String optimizer;

    @Option(
            names = "--weight-decay",
            paramLabel = "WD",
            description = "Decoupled weight decay (default: 0.05 with --recipe real, 0 with synthetic).")
    Double weightDecay;

    @Option(
            names = "--augment",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "Augment training images (default: on; --no-augment turns it off).")
    boolean augment;

    @Option(
            names = "--augmentation",
            paramLabel = "standard|dermoscopy",
            description =
                    "standard: rotation ±15°, zoom, flips, brightness/contrast; dermoscopy: any rotation, random resized crop, flips,"
                            + " brightness/contrast/saturation/colour cast (default: dermoscopy with --recipe real, standard with synthetic).")
    String augmentation;

    @Option(
            names = "--colour-constancy",
            negatable = true,
            description =
                    "Shades of Gray colour correction of every image (default: on with --recipe real, off with synthetic).")
    Boolean colourConstancy;

    @Option(
            names = "--ema",
            paramLabel = "DECAY",
            description = "Keep and validate an exponential moving average of the weights; 0 = off"
                    + " (default: 0.995 with --recipe real, 0 with synthetic).")
    Double ema;

    @Option(
            names = "--select",
            paramLabel = "auc-1se|auc|loss",
            description =
                    "Which epoch's weights are kept as best: auc-1se = the last epoch whose validation ROC AUC is within one standard"
                            + " error of the highest (default with --recipe real), auc = the highest (default with synthetic), loss = the lowest validation loss.")
    String select;

    @Option(
            names = "--tta",
            negatable = true,
            description =
                    "Test-time augmentation in the final test evaluation: average of the 8 flips/rotations (default: on with --recipe real).")
    Boolean tta;

    @Option(
            names = "--class-weight",
            defaultValue = "auto",
            paramLabel = "auto|none|W",
            description =
                    "Weight of the malignant class in the loss: auto = benign/malignant count of the training split (default: ${DEFAULT-VALUE}).")
    String classWeight;

    @Option(
            names = "--loss",
            defaultValue = "bce",
            paramLabel = "bce|focal",
            description =
                    "Training loss: bce = binary cross-entropy, focal = focal loss, which discounts images the model already gets right (default: ${DEFAULT-VALUE}).")
    String loss;

    @Option(
            names = "--focal-gamma",
            defaultValue = "2",
            paramLabel = "G",
            description = "γ of --loss focal, 0 to 10; 0 is plain cross-entropy (default: ${DEFAULT-VALUE}).")
    double focalGamma;

    @Option(
            names = "--label-smoothing",
            defaultValue = "0",
            paramLabel = "E",
            description =
                    "Train on labels E/2 and 1-E/2 instead of 0 and 1, E in [0, 0.5) (default: ${DEFAULT-VALUE}, off).")
    double labelSmoothing;

    @Option(
            names = "--balanced-sampling",
            description =
                    "Draw training images with replacement, both classes equally often (class weight auto then means 1).")
    boolean balancedSampling;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "Seed of the split, weights, shuffle and augmentation (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    DeviceOption device;

    @Mixin
    DataOptions dataOptions;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Run folder (default: runs/<date-time>-<model> under the current folder).")
    Path out;

    @Option(
            names = "--resume",
            paramLabel = "DIR",
            description =
                    "Continue the run in DIR from its last completed epoch, with its settings (--epochs may extend it).")
    Path resume;

    @Option(
            names = "--early-stop",
            paramLabel = "PATIENCE",
            defaultValue = "0",
            description =
                    "Stop after PATIENCE epochs without a better validation score (see --select); 0 = never (default: ${DEFAULT-VALUE}).")
    int earlyStop;

    @Option(
            names = "--init-from",
            paramLabel = "FILE",
            description = "Start from pretrained weights (safetensors; jgrad or torchvision names).")
    Path initFrom;

    @Option(names = "--freeze-backbone", description = "Train only the head (with --init-from or --pretrained).")
    boolean freezeBackbone;

    @Option(
            names = "--pretrained",
            description =
                    "Start resnet18 from torchvision's ImageNet weights (timm/resnet18.tv_in1k, 47 MB,"
                            + " downloaded once into the weights folder and checked by SHA-256); ImageNet normalisation and the head-first schedule follow.")
    boolean pretrained;

    @Option(
            names = "--weights-dir",
            paramLabel = "DIR",
            description = "Folder of downloaded pretrained weights (default: $" + WeightsStore.FOLDER_VARIABLE
                    + ", else ~/.cache/jgrad/weights).")
    Path weightsDir;

    @Option(
            names = "--weights-url",
            paramLabel = "URL",
            description = "Download --pretrained's file from this mirror instead (the SHA-256 check still applies).")
    URI weightsUrl;

    @Option(
            names = "--head-epochs",
            paramLabel = "N",
            description =
                    "Fine-tuning: the first N epochs train the head only, the backbone frozen (default: 2 with --pretrained, 0 with --init-from).")
    Integer headEpochs;

    @Option(
            names = "--backbone-lr-scale",
            paramLabel = "F",
            description =
                    "Fine-tuning: the backbone learns at F × --lr, in (0, 1] (default: 0.1 with --pretrained, 1 with --init-from).")
    Double backboneLrScale;

    @Option(
            names = "--synth-count",
            defaultValue = DEFAULT_SYNTH_COUNT,
            description = "Images in the synthetic set (default: ${DEFAULT-VALUE}).")
    int synthCount;

    @Option(
            names = "--synth-seed",
            defaultValue = "2017",
            description = "Seed of the synthetic set (default: ${DEFAULT-VALUE}).")
    long synthSeed;

    @Option(
            names = "--cache-dir",
            paramLabel = "DIR",
            description = "Folder for the synthetic set and the pixel cache (default: ~/.cache/jgrad).")
    Path cacheDir;

    @Option(
            names = "--nproc",
            paramLabel = "N",
            defaultValue = "1",
            description =
                    "Data-parallel training in N processes on this machine: each takes 1/N of every batch, gradients are averaged"
                            + " (docs/SCALE-OUT.md); --threads is then per process, default cores/N (default: ${DEFAULT-VALUE}).")
    int nproc;

    @Override
    public Integer call() throws Exception {
        DataParallel parallel = DataParallel.join(
                nproc,
                Main.class.getName(),
                spec.commandLine().getParseResult().originalArgs(),
                System.getenv(),
                System.out);
        boolean succeeded = false;
        try {
            if (parallel != null && device.threads == null) device.threads = parallel.defaultThreads();
            train(parallel);
            succeeded = true;
        } finally {
            if (parallel != null) parallel.finish(succeeded);
        }
        return 0;
    }

    private void train(DataParallel parallel) throws Exception {
        DeviceOption.Selection selection = device.resolve();
        Path runDir;
        TrainConfig config;
        if (resume != null) {
            if (!Files.isDirectory(resume))
                throw new IllegalArgumentException("--resume " + resume + ": no such run folder");
            config = Trainer.readConfig(resume);
            for (String option : List.of(
                    "--data",
                    "--model",
                    "--image-size",
                    "--batch-size",
                    "--lr",
                    "--lr-schedule",
                    "--format",
                    "--malignant",
                    "--folder-labels",
                    "--skip-bad",
                    "--resplit",
                    "--optimizer",
                    "--augment",
                    "--recipe",
                    "--augmentation",
                    "--colour-constancy",
                    "--ema",
                    "--select",
                    "--tta",
                    "--warmup-epochs",
                    "--weight-decay",
                    "--class-weight",
                    "--loss",
                    "--focal-gamma",
                    "--label-smoothing",
                    "--balanced-sampling",
                    "--seed",
                    "--init-from",
                    "--freeze-backbone",
                    "--synth-count",
                    "--synth-seed",
                    "--pretrained",
                    "--weights-url",
                    "--head-epochs",
                    "--backbone-lr-scale",
                    "--out",
                    "--early-stop",
                    "--cache-dir")) {
                if (option.equals("--out") && given(option) && !sameAsRun(option, config)) {
                    throw new IllegalArgumentException("--resume " + resume + " continues in that folder; --out " + out
                            + " would be ignored (leave it out)");
                }
                if (option.equals("--model") && given(option) && !sameAsRun(option, config)) {
                    throw new IllegalArgumentException("--resume " + resume + ": that run's checkpoint is a "
                            + config.model() + " model, not " + model);
                }
                if (given(option) && !sameAsRun(option, config)) {
                    throw new IllegalArgumentException(
                            "--resume " + resume + ": the run was trained with different settings (" + option
                                    + "); a resumed run keeps its own settings, only --epochs may change");
                }
            }
            if (given("--epochs")) config = config.withEpochs(parseEpochs(epochs));
            runDir = resume;
            if (parallel != null) runDir = parallel.resumeDir(resume); // the others resume from a copy of it
        } else {
            config = newRunConfig();
            runDir = out != null ? out : RunFiles.newRunDir(Path.of("runs"), config.model());
            if (parallel != null) runDir = parallel.runDir(runDir); // ranks other than 0 write a scratch folder
            if (Files.isRegularFile(new RunFiles(runDir).config())) {
                throw new IllegalArgumentException(
                        "--out " + runDir + " already holds a run; use --resume " + runDir + " to continue it");
            }
            fetchPretrainedWeights(config);
        }
        System.out.println("run folder: " + runDir.toAbsolutePath());
        Trainer trainer =
                new Trainer(config, runDir, selection.backend(), selection.threads(), System.out, HtmlReport::write);
        if (parallel != null) {
            System.out.println(parallel.describe());
            trainer.distributed(parallel.communicator());
        }
        trainer.run(resume != null, selection.note());
    }

    /** The published weights --pretrained starts {@code kind} from (ResNet-18 only), from --weights-url when given. */
    private WeightsSource pretrainedSource(ModelKind kind) {
        if (kind != ModelKind.RESNET18) {
            throw new IllegalArgumentException("--pretrained: ImageNet weights are published for resnet18 only, not "
                    + kind.cliName() + " (use --model resnet18, or --init-from FILE for weights of your own)");
        }
        if (initFrom != null)
            throw new IllegalArgumentException(
                    "--pretrained and --init-from both choose the starting weights: give one of them");
        return weightsUrl == null ? WeightsSource.RESNET18_IMAGENET : WeightsSource.RESNET18_IMAGENET.from(weightsUrl);
    }

    /** With --pretrained, downloads (once) and verifies the weights that {@link #newRunConfig} names as the starting point. */
    void fetchPretrainedWeights(TrainConfig config) throws IOException {
        if (!pretrained) return;
        new WeightsStore(WeightsStore.folder(weightsDir), System.out)
                .fetch(pretrainedSource(ModelKind.parse(config.model())));
    }

    /** The settings of a new run from the options given (also used by {@code cv} for each fold's model). */
    TrainConfig newRunConfig() {
        Recipe preset = Recipe.choose(recipe, data != null);
        ModelKind kind =
                ModelKind.parse(model != null ? model : pretrained ? ModelKind.RESNET18.cliName() : preset.model());
        if (freezeBackbone && initFrom == null && !pretrained) {
            throw new IllegalArgumentException(
                    "--freeze-backbone needs --init-from FILE or --pretrained (a frozen random backbone learns nothing)");
        }
        if (initFrom != null && !Files.isRegularFile(initFrom))
            throw new IllegalArgumentException("--init-from " + initFrom + ": no such file");
        WeightsSource published = pretrained ? pretrainedSource(kind) : null;
        FineTuning fineTuning = FineTuning.of(
                published == null ? null : published.name(),
                initFrom != null,
                headEpochs,
                backboneLrScale,
                freezeBackbone);
        // with --pretrained the start is the weights file's place in the store; it is fetched once the other settings
        // are known to be good
        Path start = published != null
                ? new WeightsStore(WeightsStore.folder(weightsDir), System.out).pathOf(published)
                : initFrom;
        if (data != null && !Files.isDirectory(data))
            throw new IllegalArgumentException("--data " + data + ": data folder does not exist");
        Path cache = cacheDir != null ? cacheDir : PixelCache.defaultFolder();
        return new TrainConfig(
                kind.cliName(),
                imageSize != null ? imageSize : kind.defaultImageSize(),
                epochs != null ? parseEpochs(epochs) : preset.epochs(),
                batchSize,
                lr != null ? lr : preset.learningRate(),
                optimizer != null ? optimizer : preset.optimizer(),
                augment,
                classWeight,
                balancedSampling,
                seed,
                data == null ? null : data.toAbsolutePath().toString(),
                synthCount,
                synthSeed,
                cache.toAbsolutePath().toString(),
                earlyStop,
                start == null ? null : start.toAbsolutePath().toString(),
                freezeBackbone,
                dataOptions.settings(),
                lrSchedule,
                preset.name(),
                augmentation != null ? augmentation : preset.augmentation(),
                colourConstancy != null ? colourConstancy : preset.colourConstancy(),
                weightDecay != null ? weightDecay : preset.weightDecay(),
                ema != null ? ema : preset.ema(),
                select != null ? select : preset.select(),
                tta != null ? tta : preset.tta(),
                warmupEpochs != null ? warmupEpochs : preset.warmupEpochs(),
                fineTuning,
                loss,
                focalGamma,
                labelSmoothing);
    }

    /** A number of epochs (≥ 1), or "auto" for the step-budget rule. */
    static int parseEpochs(String text) {
        if (text.trim().equalsIgnoreCase("auto")) return TrainConfig.AUTO_EPOCHS;
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 1) return n;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("--epochs must be a whole number ≥ 1 or auto, got '" + text + "'");
    }

    private boolean given(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    private boolean sameAsRun(String option, TrainConfig run) {
        return switch (option) {
            case "--model" -> model != null && ModelKind.parse(model).cliName().equals(run.model());
            case "--seed" -> seed == run.seed();
            case "--out" ->
                out.toAbsolutePath().normalize().equals(resume.toAbsolutePath().normalize());
            case "--early-stop" -> earlyStop == run.earlyStop();
            case "--loss" -> loss.equals(run.lossName());
            case "--focal-gamma" -> focalGamma == run.focalGamma();
            case "--label-smoothing" -> labelSmoothing == run.labelSmoothing();
            case "--cache-dir" -> cacheDir.toAbsolutePath().toString().equals(run.cacheDir());
            case "--epochs" -> true;
            default -> false;
        };
    }
}
