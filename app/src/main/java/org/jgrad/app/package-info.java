/**
 * The {@code jgrad} command line (picocli): one class per command ({@code TrainCommand},
 * {@code EvaluateCommand}, {@code PredictCommand}, {@code InfoCommand}, {@code SynthCommand},
 * {@code SplitCommand}, {@code ShowCommand}, {@code ToyCommand}), {@link org.jgrad.app.DeviceOption}
 * for {@code --device}/{@code --threads}, and {@link org.jgrad.app.Main}, which prints user errors
 * as one line and exits non-zero.
 */
package org.jgrad.app;
