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
    float at(int epoch);

    static LrSchedule constant(float lr0) { return epoch -> lr0; }

    static LrSchedule step(float lr0, int stepSize, float gamma) {
        if (stepSize <= 0) throw new IllegalArgumentException("step schedule: step size must be > 0");
        return epoch -> lr0 * (float) Math.pow(gamma, epoch / stepSize);
    }

    static LrSchedule cosine(float lr0, float lrMin, int epochs) {
        if (epochs <= 0) throw new IllegalArgumentException("cosine schedule: epochs must be > 0");
        return epoch -> lrMin + (lr0 - lrMin) * (float) (1 + Math.cos(Math.PI * Math.min(epoch, epochs) / epochs)) / 2f;
    }

    default LrSchedule withWarmup(int warmupEpochs) {
        LrSchedule after = this;
        return epoch -> epoch < warmupEpochs ? after.at(warmupEpochs) * (epoch + 1) / warmupEpochs : after.at(epoch);
    }
}
