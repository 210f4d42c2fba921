package org.jgrad.app.train;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.jgrad.app.eval.Evaluation;
import org.jgrad.app.eval.Predictions;
import org.jgrad.app.io.OutputFiles;
import org.jgrad.backend.Backend;
import org.jgrad.dist.Communicator;
import org.jgrad.dist.DistributedTraining;
import org.jgrad.io.Checkpoints;
import org.jgrad.io.SafeTensors;
import org.jgrad.loss.Losses;
import org.jgrad.metrics.BinaryMetrics;
import org.jgrad.metrics.DeLong;
import org.jgrad.models.ImageClassifier;
import org.jgrad.nn.Module;
import org.jgrad.optim.Adam;
import org.jgrad.optim.DivergenceGuard;
import org.jgrad.optim.LossGuard;
import org.jgrad.optim.ModelEma;
import org.jgrad.optim.Optimizer;
import org.jgrad.optim.Sgd;
import org.jgrad.tensor.Tensor;
import org.jgrad.train.TrainingStep;
import org.jgrad.vision.augment.AugmentPipeline;
import org.jgrad.vision.data.Sample;
import org.jgrad.vision.loader.Batch;
import org.jgrad.vision.loader.DataLoader;
import org.jgrad.vision.loader.Epoch;
import org.jgrad.vision.loader.LoaderOptions;
import org.jgrad.vision.split.SplitName;

/**
 * The training loop of {@code train}, usable from tests with tiny data.
 *
 * <p>Per epoch: one pass over the training split (Adam or SGD on binary cross-entropy with
 * logits, the malignant class weighted by the class weight), then the validation split in eval
 * mode; both get loss, accuracy, precision, recall and ROC AUC (threshold 0.5). The weights with
 * the lowest validation loss are kept in best.safetensors (Keras' ModelCheckpoint); after every
 * epoch last.safetensors holds weights, optimizer state and {@link TrainState}, and metrics.csv /
 * metrics.json are rewritten. At the end the best weights are evaluated on the test split and the
 * report is written.
 *
 * <p>Determinism: everything random derives from the seed (split, initial weights, per-epoch
 * shuffle, augmentation per (epoch, image), balanced sampling per epoch), so a resumed run repeats
 * the interrupted epoch exactly and ends with the same metrics as an uninterrupted one.
 */
public final class Trainer {
    private TrainConfig config;
    private final RunFiles files;
    private final Backend backend;
    private final int threads;
    private final PrintStream out;
    private final ModelKind kind;
    private final DivergenceGuard divergence = new DivergenceGuard();
    private final RunReport report;
    private Communicator communicator; // null: training in one process
    private DistributedTraining replicas; // the data-parallel hooks, when communicator is set

    /** The outcome: the run's files, its final state, the test evaluation and the report (both null on data-parallel ranks other than 0). */
    public record Result(RunFiles files, TrainState state, Evaluation test, Path report) {}

    /** A trainer whose run ends with {@code report} (the app's HtmlReport::write). */
    public Trainer(TrainConfig config, Path runDir, Backend backend, int threads, PrintStream out, RunReport report) {
        this.config = config;
        this.report = report;
        this.files = new RunFiles(runDir);
        this.backend = backend;
        this.threads = threads;
        this.out = out;
        this.kind = config.modelKind();
    }

    /**
     * Makes this run one rank of a data-parallel job (see the dist module): every rank trains on its
     * part of each batch, gradients are averaged across ranks before each step, and rank 0's initial
     * weights and, after each step, its batch-norm statistics are copied to all, so every rank holds
     * the same model, validates it alike and takes the same decisions.
     */
    public Trainer distributed(Communicator communicator) {
        this.communicator = communicator;
        return this;
    }

    /**
     * Trains from scratch into a new run folder, or, with {@code resume}, continues the run in it.
     * The folder is claimed first ({@link RunLock}), so two trainings never write into one folder;
     * a new run that fails before its first epoch is complete removes what it wrote, so the same
     * command works once the cause is fixed.
     */
    public Result run(boolean resume, String deviceNote) throws IOException {
        if (config.data() != null) {
            requireOutsideData(files.dir(), "--out");
            requireOutsideData(Path.of(config.cacheDir()), "--cache-dir");
        }
        boolean existed = Files.exists(files.dir());
        try (RunLock lock = RunLock.claim(files.dir())) {
            if (!resume && Files.isRegularFile(files.config())) {
                throw new IllegalArgumentException(
                        files.dir() + " already holds a run; use --resume " + files.dir() + " to continue it");
            }
            try {
                return runClaimed(resume, deviceNote);
            } catch (Throwable failure) {
                if (!resume && !Files.exists(files.last())) files.removeUnfinished();
                throw failure;
            }
        } finally {
            if (!existed) files.removeIfEmpty();
        }
    }

    /** The data folder is only ever read: a run or cache folder inside it is refused before anything is written. */
    private void requireOutsideData(Path folder, String option) {
        if (org.jgrad.vision.data.DataFiles.isInside(Path.of(config.data()), folder)) {
            throw new IllegalArgumentException(option + " " + folder + " lies inside the data folder " + config.data()
                    + "; jgrad never writes into a data folder: choose a folder outside it");
        }
    }

    private Result runClaimed(boolean resume, String deviceNote) throws IOException {
        long start = System.nanoTime();
        files.removeLeftoverTemporaries();
        RunData data = prepareData(resume);
        if (config.epochs() == TrainConfig.AUTO_EPOCHS) {
            int trainImages = data.count(SplitName.TRAIN, 0) + data.count(SplitName.TRAIN, 1);
            config = config.withEpochs(TrainConfig.autoEpochs(trainImages, config.batchSize()));
            out.printf(
                    Locale.ROOT,
                    "epochs: %d (auto: about %d optimizer steps over %d training images, batch %d)%n",
                    config.epochs(),
                    TrainConfig.STEP_BUDGET,
                    trainImages,
                    config.batchSize());
        }
        OutputFiles.writeJson(files.config(), config);

        Module model = kind.create(config.imageSize(), config.seed()).to(backend);
        TrainState state = TrainState.initial();
        SafeTensors.Contents resumed = null;
        if (resume && Files.isRegularFile(files.last())) {
            resumed = Checkpoints.load(files.last(), model, true);
            state = RunCheckpoint.state(files.last(), resumed).requireConsistent(files.last(), config.epochs());
            out.println("resume: continuing after epoch " + state.epochsDone() + " of " + files.dir());
        } else if (config.initFrom() != null) {
            out.println(TransferInit.apply(Path.of(config.initFrom()), kind, model, config.pretrained())
                    .describe(Path.of(config.initFrom())));
        }
        if (config.fineTuning() != null && !config.freezeBackbone())
            out.println(config.fineTuning().describe(config.epochs()));
        List<Tensor> trainable =
                config.freezeBackbone() ? ImageClassifier.of(model).headParameters() : model.parameters();
        if (config.freezeBackbone()) {
            for (Tensor p : model.parameters()) if (!trainable.contains(p)) p.requiresGrad(false);
            out.println("freeze-backbone: training " + count(trainable) + " of " + model.parameterCount()
                    + " parameters (the head)");
        }
        if (communicator != null) {
            replicas = new DistributedTraining(communicator, model, trainable);
            replicas.broadcastInitialState(); // before the optimizer and the weight average see the weights
        }
        Optimizer optimizer = createOptimizer(trainable);
        if (config.fineTuning() != null && config.fineTuning().backboneLrScale() != 1 && !config.freezeBackbone()) {
            optimizer.setLearningRateScale(
                    backbone(model), (float) config.fineTuning().backboneLrScale());
        }
        if (resumed != null) Checkpoints.loadOptimizer(resumed, optimizer, files.last());
        ModelEma ema = config.ema() > 0 ? new ModelEma(model, (float) config.ema()) : null;
        if (ema != null && resumed != null) {
            try {
                ema.loadStateDict(Checkpoints.emaEntries(resumed));
            } catch (IllegalArgumentException e) {
                throw new IOException(files.last() + ": " + e.getMessage());
            }
        }

        float positiveWeight = positiveWeight(data);
        out.printf(
                Locale.ROOT,
                "model: %s, %d px, %d parameters; %s; class weight of malignant %.3f%s%n",
                kind.cliName(),
                config.imageSize(),
                model.parameterCount(),
                deviceNote,
                positiveWeight,
                config.balancedSampling() ? ", balanced sampling" : "");
        out.println("recipe: " + describeRecipe(config));
        out.println("training loss: " + config.describeLoss());
        LoaderOptions evalOptions = evaluationOptions();
        LoaderOptions trainOptions = evalOptions
                .withShuffle(true)
                .withSeed(config.seed())
                .withAugmentation(config.augment() ? AugmentPipeline.named(config.augmentationName()) : null);
        StringBuilder skippedReport = new StringBuilder();
        try (DataLoader train = DataLoader.open(data.get(SplitName.TRAIN), trainOptions);
                DataLoader validation = DataLoader.open(data.get(SplitName.VALIDATION), evalOptions)) {
            while (state.epochsDone() < config.epochs() && !state.stoppedEarly()) {
                state = runEpoch(state, model, optimizer, ema, positiveWeight, train, validation, trainOptions);
            }
            skippedReport.append(train.skippedSummary()).append(validation.skippedSummary());
        }
        if (communicator != null && communicator.rank() != 0) {
            out.println("rank " + communicator.rank()
                    + ": training done; rank 0 evaluates the test split and writes the report");
            return new Result(files, state, null, null);
        }
        // The test split is evaluated with the best weights (see --select), averaged over the eight symmetries with
        // --tta.
        Checkpoints.load(files.best(), model, true);
        out.println(bestEpochSentence(config, state)
                + (config.tta() ? "; test predictions averaged over 8 flips/rotations (--tta)" : ""));
        Evaluation test;
        try (DataLoader testLoader = DataLoader.open(data.get(SplitName.TEST), evalOptions)) {
            test = Evaluation.of(
                    "test",
                    Predictions.of(model, testLoader, backend, config.tta())
                            .requireFinite(files.best().toString()),
                    testLoader.samples(),
                    0.5);
            skippedReport.append(testLoader.skippedSummary());
        }
        if (!skippedReport.isEmpty())
            out.println("skipped bad images (--skip-bad):\n"
                    + skippedReport.toString().strip());
        test.writeFiles(files.dir());
        MetricsLog.write(files, state.history(), test);
        double seconds = (System.nanoTime() - start) / 1e9;
        Path reportFile = report.write(files, config, data, state, test, deviceNote, seconds);
        out.print(test.summary());
        out.println("report: " + reportFile.toAbsolutePath());
        return new Result(files, state, test, reportFile);
    }

    private LoaderOptions evaluationOptions() {
        return evaluationOptions(config, threads);
    }

    private static LoaderOptions evaluationOptions(TrainConfig config, int threads) {
        return LoaderOptions.evaluation(config.imageSize(), config.batchSize())
                .withNormalization(ModelKind.normalizationNamed(config.normalizationName()))
                .withThreads(threads, 2 * threads)
                .withCacheDir(Path.of(config.cacheDir()))
                .withSkipBad(config.dataSettings().skipBad())
                .withColourConstancy(config.colourConstancy());
    }

    /**
     * Decodes {@code samples} into the pixel cache of {@code config} now, so that runs started
     * afterwards side by side in one JVM (cross-validation folds as Spark tasks) only read it: the
     * cache file is written by one loader at a time.
     */
    public static void fillPixelCache(TrainConfig config, List<Sample> samples, int threads) {
        DataLoader.open(samples, evaluationOptions(config, threads)).close();
    }

    /**
     * The run's data. In a data-parallel job rank 0 goes first (synthetic set, split, pixel cache of
     * every split) and the others follow once it is done, so no two ranks write the same files at once.
     */
    private RunData prepareData(boolean resume) throws IOException {
        if (communicator != null && communicator.rank() != 0) communicator.barrier();
        RunData data = resume ? RunData.reload(files, describeData()) : RunData.prepare(config, files, threads, out);
        if (communicator != null && communicator.rank() == 0) {
            for (SplitName split : SplitName.values())
                DataLoader.open(data.get(split), evaluationOptions()).close();
            communicator.barrier();
        }
        return data;
    }

    /**
     * Whether an epoch with validation {@code auc} and {@code loss} beats the best so far: with
     * {@code byAuc}, a higher AUC, ties going to the lower loss; otherwise (asked for, or the AUC
     * undefined because the validation split holds one class) a lower loss.
     */
    static boolean improves(boolean byAuc, double auc, double loss, TrainState best) {
        if (byAuc) {
            return auc > best.bestScore() || (auc == best.bestScore() && loss < best.bestValidationLoss());
        }
        return loss < best.bestValidationLoss();
    }

    /** The peak after an epoch with validation {@code auc} (standard error {@code se}): this epoch when it is higher. */
    static TrainState.Peak raisePeak(TrainState.Peak peak, int epoch, double auc, double se) {
        return peak == null || auc > peak.auc() ? new TrainState.Peak(epoch, auc, se) : peak;
    }

    /**
     * The one-standard-error rule (Breiman et al.'s rule for choosing among models whose scores
     * differ by less than their noise): an epoch becomes the best when its validation AUC is within
     * one standard error of the highest so far, so the last such epoch is kept. Why: on a small
     * validation split (ISIC 2017's has 30 melanomas; the AUC's standard error is about 0.05) the
     * highest AUC is mostly luck, and it tends to fall early, at a high learning rate; the later
     * epochs of a cosine schedule with a weight average are as good within the noise and generalise
     * better (measured in docs/REAL-DATA.md). On a large validation split the error is small and the
     * rule keeps nearly the highest.
     */
    static boolean withinOneStandardError(double auc, TrainState.Peak peak) {
        return auc >= peak.threshold();
    }

    /**
     * Trains on the split already written to the run folder's split/ (a cross-validation fold) instead
     * of splitting the data: from scratch, or after the last completed epoch when last.safetensors exists.
     */
    public Result runOnWrittenSplit(String deviceNote) throws IOException {
        return run(true, deviceNote);
    }

    private TrainState runEpoch(
            TrainState state,
            Module model,
            Optimizer optimizer,
            ModelEma ema,
            float positiveWeight,
            DataLoader train,
            DataLoader validation,
            LoaderOptions trainOptions) {
        int epoch = state.epochsDone() + 1;
        long epochStart = System.nanoTime();
        optimizer.setLearningRate(config.schedule().at(epoch - 1));
        model.train();
        boolean headOnly = config.fineTuning() != null && config.fineTuning().headOnly(epoch);
        if (config.fineTuning() != null && !config.freezeBackbone()) {
            for (Tensor p : backbone(model)) p.requiresGrad(!headOnly); // the head-first phase of fine-tuning
        }
        if (config.freezeBackbone() || headOnly) freezeStatistics(model);
        List<Double> scores = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        double lossSum = 0;
        int images = 0;
        DataLoader source = config.balancedSampling()
                ? DataLoader.open(
                        balancedSample(train.samples(), config.seed(), epoch), trainOptions.withShuffle(false))
                : train;
        String task = String.format("epoch %d/%d", epoch, config.epochs());
        Epoch rankBatches = replicas == null
                ? source.epoch(epoch - 1)
                : source.epoch(epoch - 1, communicator.rank(), communicator.worldSize());
        int expected = replicas == null
                ? source.sampleCount()
                : source.sampleCount() / communicator.worldSize(); // this rank's share
        try (Epoch batches = rankBatches;
                Progress progress = Progress.start(task, expected, out)) {
            long[] step = {0};
            int[] batchSize = {0}; // this rank's examples in the step, which weight its gradients in the average
            TrainingStep trainingStep = new TrainingStep(
                            model, optimizer, (logits, y) -> trainingLoss(config, logits, y, positiveWeight))
                    // With overlap, each bucket's all-reduce starts during backward; finishGradients waits for the
                    // rest.
                    .gradientListener(() -> replicas == null ? null : replicas.startGradients(batchSize[0]))
                    .beforeUpdate(loss -> {
                        if (replicas != null) replicas.finishGradients(batchSize[0]);
                        divergence.stopIfDiverged(
                                loss, optimizer.params(), epoch, step[0] + 1); // before the step changes the weights
                    })
                    .afterUpdate(() -> {
                        if (replicas != null)
                            replicas.stepDone(
                                    epoch, step[0] + 1); // before the weight average reads the batch-norm statistics
                        if (ema != null) ema.update();
                    })
                    .keepLogits(true);
            while (batches.hasNext()) {
                Batch batch = batches.next();
                Tensor x = Tensor.of(backend, batch.images(), batch.shape());
                Tensor y = Tensor.of(backend, batch.labels(), batch.size(), 1);
                batchSize[0] = batch.size();
                TrainingStep.Outcome outcome = trainingStep.run(x, y);
                float value = LossGuard.requireFinite(outcome.loss(), epoch, ++step[0]);
                float[] z = outcome.logits();
                for (int i = 0; i < batch.size(); i++) {
                    scores.add(1 / (1 + Math.exp(-z[i])));
                    labels.add((int) batch.labels()[i]);
                }
                lossSum += (double) value * batch.size();
                images += batch.size();
                progress.step(batch.size(), String.format(Locale.ROOT, "loss %.4f", lossSum / images));
            }
        } finally {
            if (source != train) source.close();
        }
        double trainSeconds = (System.nanoTime() - epochStart) / 1e9;
        BinaryMetrics trainMetrics = BinaryMetrics.of(toDoubles(scores), toInts(labels), 0.5);
        if (ema != null) ema.swap(); // validate (and keep as best) the weight average
        Predictions val = Predictions.of(model, validation, backend).requireFinite("the model after epoch " + epoch);
        BinaryMetrics valMetrics = BinaryMetrics.of(val.scores(), val.labels(), 0.5);

        List<EpochMetrics> history = new ArrayList<>(state.history());
        history.add(EpochMetrics.of(epoch, "train", lossSum / images, trainMetrics));
        history.add(EpochMetrics.of(epoch, "validation", val.loss(), valMetrics));
        boolean byAuc = config.selectsByAuc() && !Double.isNaN(valMetrics.rocAuc());
        TrainState.Peak peak = state.peak();
        boolean improved;
        if (byAuc && config.selectsWithinOneStandardError()) {
            peak = raisePeak(
                    peak,
                    epoch,
                    valMetrics.rocAuc(),
                    DeLong.interval(val.scores(), val.labels()).standardError());
            improved = withinOneStandardError(valMetrics.rocAuc(), peak);
        } else {
            improved = improves(byAuc, valMetrics.rocAuc(), val.loss(), state);
        }
        if (config.selectsByAuc() && !byAuc)
            out.println("note: validation AUC undefined (one class only); this epoch is judged by its loss");
        int stale = improved ? 0 : state.epochsWithoutImprovement() + 1;
        boolean stop = config.earlyStop() > 0 && stale >= config.earlyStop();
        TrainState next = new TrainState(
                epoch,
                improved ? val.loss() : state.bestValidationLoss(),
                improved ? epoch : state.bestEpoch(),
                stale,
                stop,
                history,
                improved && byAuc ? valMetrics.rocAuc() : state.bestScore(),
                peak);
        // Order matters for a kill at any instant: best first, then last (the resume point), then the metrics
        // derived from it. Each write is atomic; a kill between them repeats this epoch identically.
        if (improved) RunCheckpoint.save(files.best(), config, model, null, null, next);
        if (ema != null) ema.swap(); // back to the live weights, which the optimizer trains
        RunCheckpoint.save(files.last(), config, model, optimizer, ema, next);
        MetricsLog.write(files, history);
        out.printf(
                Locale.ROOT,
                "epoch %d/%d  train loss %.4f acc %.3f auc %s | val loss %.4f acc %.3f prec %.3f rec %.3f auc %s"
                        + "  (%.1f img/s, %.0f s)%s%n",
                epoch,
                config.epochs(),
                lossSum / images,
                trainMetrics.accuracy(),
                auc(trainMetrics.rocAuc()),
                val.loss(),
                valMetrics.accuracy(),
                valMetrics.precision(),
                valMetrics.recall(),
                auc(valMetrics.rocAuc()),
                images / trainSeconds,
                (System.nanoTime() - epochStart) / 1e9,
                improved ? "  * best, saved" : "");
        if (stop)
            out.println("early stop: the validation " + (config.selectsByAuc() ? "AUC" : "loss")
                    + " has not improved for " + stale + " epochs (best: epoch " + next.bestEpoch() + ")");
        return next;
    }

    private Optimizer createOptimizer(List<Tensor> trainable) {
        float lr = (float) config.learningRate();
        float wd = (float) config.weightDecay();
        return switch (config.optimizer()) {
            case "adam" -> new Adam(trainable, lr);
            case "adamw" -> Adam.adamW(trainable, lr, wd);
            default -> new Sgd(trainable, lr, 0.9f, wd, false);
        };
    }

    /** One line on what trains the model, for the console (the report shows config.json in full). */
    public static String describeRecipe(TrainConfig config) {
        return String.format(
                Locale.ROOT,
                "%s preset; %s lr %s%s, %s schedule%s; augmentation %s%s%s; best epoch by validation %s%s",
                config.recipe() == null ? "no" : config.recipe(),
                config.optimizer(),
                config.learningRate(),
                config.weightDecay() > 0 ? " weight decay " + config.weightDecay() : "",
                config.lrSchedule() == null ? "constant" : config.lrSchedule(),
                config.warmupEpochs() > 0 ? " after " + config.warmupEpochs() + " warm-up epochs" : "",
                config.augment() ? config.augmentationName() : "off",
                config.colourConstancy() ? "; Shades of Gray colour constancy" : "",
                config.ema() > 0 ? "; weight average (EMA " + config.ema() + ")" : "",
                config.selectsWithinOneStandardError()
                        ? "AUC (one-standard-error rule)"
                        : config.selectsByAuc() ? "AUC" : "loss",
                config.tta() ? "; test-time augmentation" : "");
    }

    /** Which epoch was kept, and why. */
    public static String bestEpochSentence(TrainConfig config, TrainState state) {
        if (state.bestEpoch() == 0) return "best epoch: none";
        TrainState.Peak peak = state.peak();
        if (config.selectsWithinOneStandardError() && peak != null && state.bestScore() > Double.NEGATIVE_INFINITY) {
            return String.format(
                    Locale.ROOT,
                    "best epoch: %d of %d, the last whose validation ROC AUC (%.4f) is within one standard"
                            + " error (%.4f, DeLong) of the highest (%.4f, epoch %d)%s",
                    state.bestEpoch(),
                    state.epochsDone(),
                    state.bestScore(),
                    peak.standardError(),
                    peak.auc(),
                    peak.epoch(),
                    config.ema() > 0 ? "; the weight average's" : "");
        }
        return config.selectsByAuc() && state.bestScore() > Double.NEGATIVE_INFINITY
                ? String.format(
                        Locale.ROOT,
                        "best epoch: %d of %d, the highest validation ROC AUC (%.4f)%s",
                        state.bestEpoch(),
                        state.epochsDone(),
                        state.bestScore(),
                        config.ema() > 0 ? " of the weight average" : "")
                : String.format(
                        Locale.ROOT,
                        "best epoch: %d of %d, the lowest validation loss (%.4f)",
                        state.bestEpoch(),
                        state.epochsDone(),
                        state.bestValidationLoss());
    }

    /** The parameters outside the head (what fine-tuning freezes first and then trains at a lower rate). */
    private List<Tensor> backbone(Module model) {
        List<Tensor> head = ImageClassifier.of(model).headParameters();
        List<Tensor> rest = new ArrayList<>();
        for (Tensor p : model.parameters()) if (!head.contains(p)) rest.add(p);
        return rest;
    }

    /** Frozen parts (no trainable parameter) run in eval mode: batch-norm keeps its running statistics, as Keras' trainable=False. */
    private static void freezeStatistics(Module model) {
        for (Module child : model.children().values()) {
            boolean frozen = child.parameters().stream().noneMatch(Tensor::requiresGrad);
            if (frozen) child.eval();
        }
    }

    /**
     * This epoch's training images for --balanced-sampling: as many draws as there are training
     * images, with replacement, each draw picking a class with probability ½ and then an image of it.
     */
    static List<Sample> balancedSample(List<Sample> train, long seed, int epoch) {
        List<Sample> benign = train.stream().filter(s -> s.label() == 0).toList();
        List<Sample> malignant = train.stream().filter(s -> s.label() == 1).toList();
        Random random = new Random(seed * 1_000_003L + epoch);
        List<Sample> drawn = new ArrayList<>(train.size());
        for (int i = 0; i < train.size(); i++) {
            List<Sample> pool = random.nextBoolean() ? malignant : benign;
            drawn.add(pool.get(random.nextInt(pool.size())));
        }
        return drawn;
    }

    /**
     * The loss the weights are trained on: {@code --loss} (binary cross-entropy or focal loss, the
     * malignant class weighted by {@code positiveWeight}) against the labels moved from 0 and 1 to
     * ε/2 and 1 − ε/2 by {@code --label-smoothing ε}. Validation and test losses stay plain
     * cross-entropy on the true labels, so they compare across runs.
     */
    static Tensor trainingLoss(TrainConfig config, Tensor logits, Tensor labels, float positiveWeight) {
        float epsilon = (float) config.labelSmoothing();
        Tensor targets = epsilon > 0 ? labels.mul(1 - epsilon).add(epsilon / 2) : labels;
        return TrainConfig.LOSS_FOCAL.equals(config.lossName())
                ? Losses.binaryFocalLossWithLogits(logits, targets, (float) config.focalGamma(), positiveWeight)
                : Losses.binaryCrossEntropyWithLogits(logits, targets, positiveWeight);
    }

    private float positiveWeight(RunData data) {
        Double fixed = TrainConfig.parseClassWeight(config.classWeight());
        if (fixed != null) return fixed.floatValue();
        if (config.balancedSampling()) return 1f; // sampling already balances the classes
        int positives = data.count(SplitName.TRAIN, 1), negatives = data.count(SplitName.TRAIN, 0);
        return positives == 0 ? 1f : (float) negatives / positives;
    }

    private String describeData() {
        return config.data() == null
                ? "synthetic set of " + config.synthCount() + " images (seed " + config.synthSeed() + ")"
                : config.data();
    }

    private static long count(List<Tensor> params) {
        long n = 0;
        for (Tensor t : params) n += t.size();
        return n;
    }

    private static String auc(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static double[] toDoubles(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static int[] toInts(List<Integer> xs) {
        return xs.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Reads a finished or interrupted run's configuration back (for --resume). */
    public static TrainConfig readConfig(Path runDir) {
        Path file = new RunFiles(runDir).config();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(runDir + ": not a jgrad run folder (no config.json)");
        }
        try {
            return OutputFiles.JSON.readValue(file.toFile(), TrainConfig.class);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": unreadable run configuration: " + e.getMessage(), e);
        }
    }
}
