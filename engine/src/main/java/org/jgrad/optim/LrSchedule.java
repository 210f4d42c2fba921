package org.jgrad.optim;

/**
 * Learning rate as a function of the epoch (0-based). Combine with {@link #withWarmup}.
 * <ul>
 *   <li>constant: lr0</li>
 *   <li>step: lr0 · gamma^floor(epoch / stepSize)</li>
 *   <li>cosine: lrMin + (lr0 - lrMin) · (1 + cos(π · epoch / epochs)) / 2</li>
 *   <li>linear warm-up: lr0 · (epoch + 1) / warmupEpochs for the first warmupEpochs, then the schedule</li>
 * </ul>
 */
@FunctionalInterface
public interface LrSchedule {
    /**
     * The learning rate of an epoch.
     *
     * @param epoch the epoch, counted from 0
     * @return the learning rate
     */
    float at(int epoch);

    /**
     * The same rate every epoch.
     *
     * @param lr0 the rate
     * @return the schedule
     */
    static LrSchedule constant(float lr0) {
        return epoch -> lr0;
    }

    /**
     * Multiplies the rate by {@code gamma} every {@code stepSize} epochs.
     *
     * @param lr0 the rate of epoch 0
     * @param stepSize epochs between drops, above 0
     * @param gamma the factor at each drop (0.1 is usual)
     * @return the schedule
     * @throws IllegalArgumentException if {@code stepSize} is not above 0
     */
    static LrSchedule step(float lr0, int stepSize, float gamma) {
        if (stepSize <= 0) throw new IllegalArgumentException("step schedule: step size must be > 0");
        return epoch -> lr0 * (float) Math.pow(gamma, epoch / stepSize);
    }

    /**
     * Half a cosine from {@code lr0} at epoch 0 down to {@code lrMin} at epoch {@code epochs}, and
     * {@code lrMin} after it.
     *
     * @param lr0 the rate of epoch 0
     * @param lrMin the final rate
     * @param epochs the epoch at which the rate reaches {@code lrMin}, above 0
     * @return the schedule
     * @throws IllegalArgumentException if {@code epochs} is not above 0
     */
    static LrSchedule cosine(float lr0, float lrMin, int epochs) {
        if (epochs <= 0) throw new IllegalArgumentException("cosine schedule: epochs must be > 0");
        return epoch -> lrMin + (lr0 - lrMin) * (float) (1 + Math.cos(Math.PI * Math.min(epoch, epochs) / epochs)) / 2f;
    }

    /**
     * This schedule after a linear warm-up: epoch e &lt; warmupEpochs gets at(warmupEpochs) · (e + 1) /
     * warmupEpochs, so the rate rises to where the schedule then goes on.
     *
     * @param warmupEpochs the warm-up's length in epochs (0 = none)
     * @return the schedule with the warm-up
     */
    default LrSchedule withWarmup(int warmupEpochs) {
        LrSchedule after = this;
        return epoch -> epoch < warmupEpochs ? after.at(warmupEpochs) * (epoch + 1) / warmupEpochs : after.at(epoch);
    }
}
