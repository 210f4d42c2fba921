package org.jgrad.app.train;

/**
 * Every setting of one training run, as given on the command line (after defaults). Saved as the
 * run's {@code config.json}, shown in the report, and read back by {@code --resume}.
 *
 * @param model            lesionnet-s or resnet18
 * @param imageSize        side of the square input in pixels
 * @param epochs           epochs to train (early stopping may end sooner)
 * @param batchSize        images per step
 * @param learningRate     initial learning rate
 * @param optimizer        adam or sgd (momentum 0.9)
 * @param augment          random rotation, zoom, flips, brightness/contrast on training images
 * @param classWeight      auto (negatives / positives of the training split), none, or a number:
 *                         the weight of the malignant class in the training loss
 * @param balancedSampling draw each epoch's training images with replacement, both classes equally likely
 * @param seed             seeds the split, the initial weights, the shuffle, the augmentation and the sampling
 * @param data             data folder, or null for the built-in synthetic set
 * @param synthCount       images in the synthetic set (when data is null)
 * @param synthSeed        seed of the synthetic set
 * @param cacheDir         folder for the synthetic set and the pixel cache
 * @param earlyStop        stop after this many epochs without a lower validation loss; 0 = never
 * @param initFrom         safetensors file of pretrained weights, or null
 * @param freezeBackbone   train only the head
 * @param dataSettings     how the data folder is read (format, malignant columns, label map, skip bad items)
 * @param lrSchedule       constant or cosine (from learningRate down to 1% of it over the epochs); null = constant
 * @param recipe           the preset the defaults came from: real (a --data folder) or synthetic; null in older runs
 * @param augmentation     the training augmentation when augment is on: standard or dermoscopy; null = standard
 * @param colourConstancy  Shades of Gray colour correction of every image (training, evaluation, prediction)
 * @param weightDecay      decoupled weight decay (AdamW; SGD's L2 term); 0 = none
 * @param ema              decay of the exponential moving average of the weights that is validated and kept; 0 = no average
 * @param select           what picks the best epoch: auc (highest validation ROC AUC), auc-1se (the last epoch whose validation
 *                         AUC is within one standard error of the highest) or loss (lowest validation loss); null = loss
 * @param tta              the final test evaluation averages the eight flips/rotations of each image
 * @param warmupEpochs     epochs of linear learning-rate warm-up before the schedule
 * @param fineTuning       the head-first schedule of a run started from pretrained weights; null from scratch (and in older runs)
 * @param loss             the training loss: bce (binary cross-entropy) or focal (focal loss); null = bce (older runs)
 * @param focalGamma       γ of the focal loss (how strongly well-classified images are discounted); unused with bce
 * @param labelSmoothing   ε: training labels become ε/2 and 1 − ε/2 instead of 0 and 1; 0 = off (and in older runs)
 */
public record TrainConfig(
        String model,
        int imageSize,
        int epochs,
        int batchSize,
        double learningRate,
        String optimizer,
        boolean augment,
        String classWeight,
        boolean balancedSampling,
        long seed,
        String data,
        int synthCount,
        long synthSeed,
        String cacheDir,
        int earlyStop,
        String initFrom,
        boolean freezeBackbone,
        DataSettings dataSettings,
        String lrSchedule,
        String recipe,
        String augmentation,
        boolean colourConstancy,
        double weightDecay,
        double ema,
        String select,
        boolean tta,
        int warmupEpochs,
        FineTuning fineTuning,
        String loss,
        double focalGamma,
        double labelSmoothing) {

    /** {@link #epochs} value that asks for the real-data rule ({@link #autoEpochs}), resolved once the training split is known. */
    public static final int AUTO_EPOCHS = 0;
    /** The real-data rule's budget of optimizer steps, and its bounds on epochs. */
    public static final int STEP_BUDGET = 3000;

    public static final int MIN_AUTO_EPOCHS = 15;
    public static final int MAX_AUTO_EPOCHS = 100;

    public TrainConfig {
        if (dataSettings == null) dataSettings = DataSettings.defaults();
        ModelKind.parse(model).checkImageSize(imageSize);
        if (epochs < 0) throw new IllegalArgumentException("--epochs must be ≥ 1 (or auto), got " + epochs);
        if (batchSize < 1) throw new IllegalArgumentException("--batch-size must be ≥ 1, got " + batchSize);
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("--lr must be a positive number, got " + learningRate);
        }
        if (!optimizer.equals("adam") && !optimizer.equals("adamw") && !optimizer.equals("sgd")) {
            throw new IllegalArgumentException("--optimizer must be adam, adamw or sgd, got '" + optimizer + "'");
        }
        if (augmentation != null) org.jgrad.vision.augment.AugmentPipeline.named(augmentation);
        if (!(weightDecay >= 0 && weightDecay < 1))
            throw new IllegalArgumentException("--weight-decay must lie in [0, 1), got " + weightDecay);
        if (!(ema >= 0 && ema < 1))
            throw new IllegalArgumentException("--ema must lie in [0, 1) (0 = off), got " + ema);
        if (select != null && !select.equals("auc") && !select.equals(SELECT_AUC_1SE) && !select.equals("loss")) {
            throw new IllegalArgumentException("--select must be auc, auc-1se or loss, got '" + select + "'");
        }
        if (loss != null && !loss.equals(LOSS_BCE) && !loss.equals(LOSS_FOCAL)) {
            throw new IllegalArgumentException("--loss must be bce or focal, got '" + loss + "'");
        }
        if (!(focalGamma >= 0 && focalGamma <= MAX_FOCAL_GAMMA))
            throw new IllegalArgumentException(
                    "--focal-gamma must lie in [0, " + MAX_FOCAL_GAMMA + "], got " + focalGamma);
        if (!(labelSmoothing >= 0 && labelSmoothing < 0.5))
            throw new IllegalArgumentException(
                    "--label-smoothing must lie in [0, 0.5) (0 = off), got " + labelSmoothing);
        if (warmupEpochs < 0) throw new IllegalArgumentException("--warmup-epochs must be ≥ 0, got " + warmupEpochs);
        parseClassWeight(classWeight);
        if (synthCount < 20) throw new IllegalArgumentException("--synth-count must be ≥ 20, got " + synthCount);
        if (earlyStop < 0) throw new IllegalArgumentException("--early-stop must be ≥ 0, got " + earlyStop);
        if (lrSchedule != null && !lrSchedule.equals("constant") && !lrSchedule.equals("cosine")) {
            throw new IllegalArgumentException("--lr-schedule must be constant or cosine, got '" + lrSchedule + "'");
        }
    }

    /**
     * The learning rate of each epoch (0-based): a linear warm-up over the first warmupEpochs, then
     * constant or a cosine decay to 1% of --lr by the last epoch.
     */
    public org.jgrad.optim.LrSchedule schedule() {
        float lr0 = (float) learningRate;
        org.jgrad.optim.LrSchedule main = "cosine".equals(lrSchedule)
                ? org.jgrad.optim.LrSchedule.cosine(lr0, lr0 / 100, Math.max(1, epochs - 1))
                : org.jgrad.optim.LrSchedule.constant(lr0);
        return warmupEpochs > 0 ? main.withWarmup(warmupEpochs) : main;
    }

    /**
     * Epochs for {@code trainImages} under the real-data rule: enough to make {@link #STEP_BUDGET}
     * optimizer steps, within [{@link #MIN_AUTO_EPOCHS}, {@link #MAX_AUTO_EPOCHS}]. A small set gets
     * many passes (1,545 images at batch 32: 62 epochs), a large one at least 15.
     */
    public static int autoEpochs(int trainImages, int batchSize) {
        int stepsPerEpoch = Math.max(1, (trainImages + batchSize - 1) / batchSize);
        int epochs = (STEP_BUDGET + stepsPerEpoch - 1) / stepsPerEpoch;
        return Math.max(MIN_AUTO_EPOCHS, Math.min(MAX_AUTO_EPOCHS, epochs));
    }

    /** Whether the best epoch is the one with the highest validation AUC (else the lowest validation loss). */
    /** {@link #select} value of the one-standard-error rule. */
    public static final String SELECT_AUC_1SE = "auc-1se";

    /** Whether the best epoch is judged by validation ROC AUC (auc or auc-1se). */
    public boolean selectsByAuc() {
        return "auc".equals(select) || SELECT_AUC_1SE.equals(select);
    }

    /** Whether the one-standard-error rule picks among the epochs close to the highest validation AUC. */
    public boolean selectsWithinOneStandardError() {
        return SELECT_AUC_1SE.equals(select);
    }

    /** The training augmentation's name (standard when the run predates the choice). */
    public String augmentationName() {
        return augmentation == null ? "standard" : augmentation;
    }

    public ModelKind modelKind() {
        return ModelKind.parse(model);
    }

    /** Whether the run started from published ImageNet weights (--pretrained). */
    public boolean pretrained() {
        return fineTuning != null && fineTuning.pretrained() != null;
    }

    /** The input normalisation: ImageNet mean/std for published ImageNet weights, else the model's own. */
    public String normalizationName() {
        return pretrained() ? "imagenet" : modelKind().normalizationName();
    }

    /** {@link #loss} values: binary cross-entropy and focal loss. */
    public static final String LOSS_BCE = "bce", LOSS_FOCAL = "focal";
    /** Beyond this γ the focal loss discards all but the worst-classified images. */
    public static final double MAX_FOCAL_GAMMA = 10;

    /** The training loss's name (bce when the run predates the choice). */
    public String lossName() {
        return loss == null ? LOSS_BCE : loss;
    }

    /** The training loss in words, e.g. "focal loss (γ 2)" or "binary cross-entropy, label smoothing 0.1". */
    public String describeLoss() {
        String name =
                LOSS_FOCAL.equals(lossName()) ? "focal loss (γ " + trim(focalGamma) + ")" : "binary cross-entropy";
        return labelSmoothing > 0 ? name + ", label smoothing " + trim(labelSmoothing) : name;
    }

    private static String trim(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
    }

    /** Bounds of a given --class-weight. */
    public static final double MIN_CLASS_WEIGHT = 0.001, MAX_CLASS_WEIGHT = 1000;

    /** null for auto, else the fixed weight (none = 1). */
    public static Double parseClassWeight(String text) {
        if (text.equals("auto")) return null;
        if (text.equals("none")) return 1.0;
        try {
            double w = Double.parseDouble(text);
            if (w >= MIN_CLASS_WEIGHT && w <= MAX_CLASS_WEIGHT) return w; // beyond, the loss is huge from the start
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(
                "--class-weight must be auto, none or a number between 0.001 and 1000, got '" + text + "'");
    }

    public TrainConfig withEpochs(int newEpochs) {
        return new TrainConfig(
                model,
                imageSize,
                newEpochs,
                batchSize,
                learningRate,
                optimizer,
                augment,
                classWeight,
                balancedSampling,
                seed,
                data,
                synthCount,
                synthSeed,
                cacheDir,
                earlyStop,
                initFrom,
                freezeBackbone,
                dataSettings,
                lrSchedule,
                recipe,
                augmentation,
                colourConstancy,
                weightDecay,
                ema,
                select,
                tta,
                warmupEpochs,
                fineTuning,
                loss,
                focalGamma,
                labelSmoothing);
    }
}
