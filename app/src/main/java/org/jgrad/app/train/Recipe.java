package org.jgrad.app.train;

import java.util.Locale;

/**
 * The defaults of {@code train}, as two presets: {@link #SYNTHETIC} for the built-in synthetic set
 * (a smoke test that runs in well under a minute) and {@link #REAL} for a {@code --data} folder of
 * real dermoscopy. Every value can be overridden by its own option; the run's config.json records
 * the resolved values and the preset's name. Why each choice of the real-data preset was made, with
 * its measured effect on the ISIC 2017 official test split, is in docs/REAL-DATA.md.
 *
 * @param name            synthetic or real
 * @param model           model name (ModelKind)
 * @param epochs          a number, or {@link TrainConfig#AUTO_EPOCHS} for the step-budget rule
 * @param learningRate    peak learning rate
 * @param optimizer       adam, adamw or sgd
 * @param weightDecay     decoupled weight decay
 * @param augmentation    training augmentation pipeline: standard or dermoscopy
 * @param colourConstancy Shades of Gray colour correction
 * @param ema             decay of the weight average (0 = none)
 * @param select          auc, auc-1se or loss
 * @param tta             test-time augmentation in the final test evaluation
 * @param warmupEpochs    learning-rate warm-up epochs
 */
public record Recipe(
        String name,
        String model,
        int epochs,
        double learningRate,
        String optimizer,
        double weightDecay,
        String augmentation,
        boolean colourConstancy,
        double ema,
        String select,
        boolean tta,
        int warmupEpochs) {

    /** The synthetic set: LesionNet-S at 64 px, 10 epochs of Adam, the tutorial's augmentation. */
    public static final Recipe SYNTHETIC =
            new Recipe("synthetic", "lesionnet-s", 10, 1e-3, "adam", 0, "standard", false, 0, "auc", false, 0);

    /**
     * Real dermoscopy: LesionNet-M at 128 px, a budget of 3,000 steps, AdamW with warm-up and cosine
     * decay, dermoscopy augmentation, Shades of Gray, a weight average kept by the one-standard-error
     * rule on validation AUC, eight-fold test-time augmentation.
     */
    public static final Recipe REAL = new Recipe(
            "real",
            "lesionnet-m",
            TrainConfig.AUTO_EPOCHS,
            2e-3,
            "adamw",
            0.05,
            "dermoscopy",
            true,
            0.995,
            TrainConfig.SELECT_AUC_1SE,
            true,
            3);

    /** The preset for {@code --recipe NAME}, or, when {@code name} is null, the one that suits the data: real with --data. */
    public static Recipe choose(String name, boolean hasData) {
        if (name == null) return hasData ? REAL : SYNTHETIC;
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "real" -> REAL;
            case "synthetic" -> SYNTHETIC;
            default -> throw new IllegalArgumentException("--recipe must be real or synthetic, got '" + name + "'");
        };
    }
}
