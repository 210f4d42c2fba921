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

    public static TrainState initial() {
        return new TrainState(0, Double.POSITIVE_INFINITY, 0, 0, false, List.of(), Double.NEGATIVE_INFINITY);
    }
}
