package org.jgrad.optim;

/**
 * Stops training on a NaN or infinite loss instead of silently training on garbage: a
 * diverging learning rate or a bad input shows up at the step it happens.
 */
public final class LossGuard {
    private LossGuard() {}

    /**
     * Throws {@link ArithmeticException} naming the epoch and step when {@code loss} is not finite.
     *
     * @param loss the loss just computed
     * @param epoch the epoch, for the message
     * @param step the step, for the message
     * @return {@code loss}, so a call can wrap the value it checks
     * @throws ArithmeticException if the loss is NaN or infinite
     */
    public static float requireFinite(float loss, int epoch, long step) {
        if (!Float.isFinite(loss)) {
            throw new ArithmeticException("loss became " + loss + " at epoch " + epoch + ", step " + step
                    + ": training stopped (try a lower learning rate, or check the inputs for NaN)");
        }
        return loss;
    }
}
