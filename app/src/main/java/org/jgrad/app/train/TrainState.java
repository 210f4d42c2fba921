package org.jgrad.app.train;

import java.util.List;

/**
 * Where a run stands after a completed epoch; stored in last.safetensors' metadata with the weights
 * and optimizer state, so one atomic file is always a consistent point to resume from.
 *
 * @param epochsDone               completed epochs
 * @param bestValidationLoss       lowest validation loss so far (the best checkpoint's)
 * @param bestEpoch                its epoch (1-based), 0 before the first
 * @param epochsWithoutImprovement for early stopping
 * @param stoppedEarly             early stopping ended the run
 * @param history                  every metrics row so far, train and validation
 * @param bestScore                the best epoch's validation ROC AUC when epochs are selected by AUC, else -∞
 *                                 (the best epoch's loss is bestValidationLoss either way)
 */
public record TrainState(int epochsDone, double bestValidationLoss, int bestEpoch, int epochsWithoutImprovement,
                         boolean stoppedEarly, List<EpochMetrics> history, Double bestScore) {

    public TrainState {
        if (bestScore == null) bestScore = Double.NEGATIVE_INFINITY;   // runs written before selection by AUC
    }

    /**
     * This state, when its numbers fit a run of {@code epochs} epochs; else an
     * {@link IllegalArgumentException} naming {@code file}: a state read back from a checkpoint is
     * input like any other, and a wrong one would train "epoch -4/3" or skip training altogether.
     */
    public TrainState requireConsistent(java.nio.file.Path file, int epochs) {
        String problem = null;
        if (epochsDone < 0 || epochsDone > epochs) {
            problem = "epochsDone " + epochsDone + " is outside [0, " + epochs + "] (the run's --epochs; --resume with a larger --epochs extends it)";
        } else if (bestEpoch < 0 || bestEpoch > epochsDone) {
            problem = "bestEpoch " + bestEpoch + " is outside [0, epochsDone = " + epochsDone + "]";
        } else if (epochsWithoutImprovement < 0 || epochsWithoutImprovement > epochsDone) {
            problem = "epochsWithoutImprovement " + epochsWithoutImprovement + " is outside [0, " + epochsDone + "]";
        } else if (history == null || history.size() != 2 * epochsDone) {
            problem = "history holds " + (history == null ? 0 : history.size()) + " rows, expected " + 2 * epochsDone;
        } else if (Double.isNaN(bestValidationLoss) || Double.isNaN(bestScore)) {
            problem = "best validation loss or score is NaN";
        }
        if (problem != null) {
            throw new IllegalArgumentException(file + ": inconsistent training state: " + problem + "; the file was edited or damaged");
        }
        return this;
    }

    public static TrainState initial() {
        return new TrainState(0, Double.POSITIVE_INFINITY, 0, 0, false, List.of(), Double.NEGATIVE_INFINITY);
    }
}
