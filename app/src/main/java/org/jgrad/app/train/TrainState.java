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
 * @param peak                     the epoch with the highest validation AUC so far and that AUC's standard
 *                                 error, for --select auc-1se; null before the first epoch or when not used
 */
public record TrainState(
        int epochsDone,
        double bestValidationLoss,
        int bestEpoch,
        int epochsWithoutImprovement,
        boolean stoppedEarly,
        List<EpochMetrics> history,
        Double bestScore,
        Peak peak) {

    /**
     * The highest validation AUC so far.
     *
     * @param epoch         its epoch
     * @param auc           the AUC
     * @param standardError its standard error (DeLong); NaN when it cannot be estimated
     */
    public record Peak(int epoch, double auc, double standardError) {
        /** The lowest AUC still "within one standard error" of this peak (the peak itself when the error is unknown). */
        public double threshold() {
            return Double.isNaN(standardError) ? auc : auc - standardError;
        }
    }

    public TrainState {
        if (bestScore == null) bestScore = Double.NEGATIVE_INFINITY; // runs written before selection by AUC
    }

    /** A state without a peak (selection by loss or by the highest AUC). */
    public TrainState(
            int epochsDone,
            double bestValidationLoss,
            int bestEpoch,
            int epochsWithoutImprovement,
            boolean stoppedEarly,
            List<EpochMetrics> history,
            Double bestScore) {
        this(
                epochsDone,
                bestValidationLoss,
                bestEpoch,
                epochsWithoutImprovement,
                stoppedEarly,
                history,
                bestScore,
                null);
    }

    /**
     * This state, when its numbers fit a run of {@code epochs} epochs; else an
     * {@link IllegalArgumentException} naming {@code file}: a state read back from a checkpoint is
     * input like any other, and a wrong one would train "epoch -4/3" or skip training altogether.
     */
    public TrainState requireConsistent(java.nio.file.Path file, int epochs) {
        String problem = null;
        if (epochsDone < 0 || epochsDone > epochs) {
            problem = "epochsDone " + epochsDone + " is outside [0, " + epochs
                    + "] (the run's --epochs; --resume with a larger --epochs extends it)";
        } else if (bestEpoch < 0 || bestEpoch > epochsDone) {
            problem = "bestEpoch " + bestEpoch + " is outside [0, epochsDone = " + epochsDone + "]";
        } else if (epochsWithoutImprovement < 0 || epochsWithoutImprovement > epochsDone) {
            problem = "epochsWithoutImprovement " + epochsWithoutImprovement + " is outside [0, " + epochsDone + "]";
        } else if (history == null || history.size() != 2 * epochsDone) {
            problem = "history holds " + (history == null ? 0 : history.size()) + " rows, expected " + 2 * epochsDone;
        } else if (Double.isNaN(bestValidationLoss) || Double.isNaN(bestScore)) {
            problem = "best validation loss or score is NaN";
        } else if (peak != null
                && (peak.epoch() < 1
                        || peak.epoch() > epochsDone
                        || !(peak.auc() >= 0 && peak.auc() <= 1)
                        || peak.standardError() < 0)) {
            problem = "peak " + peak + " is out of range";
        }
        if (problem != null) {
            throw new IllegalArgumentException(
                    file + ": inconsistent training state: " + problem + "; the file was edited or damaged");
        }
        return this;
    }

    public static TrainState initial() {
        return new TrainState(0, Double.POSITIVE_INFINITY, 0, 0, false, List.of(), Double.NEGATIVE_INFINITY, null);
    }
}
